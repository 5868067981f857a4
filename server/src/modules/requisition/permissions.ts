import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'requisition.requisition.read', zh: '查看请购单', en: 'View requisitions', roles: ['canteen_head', 'head_chef', 'storekeeper', 'site_manager', 'bureau_leader'] },
  { key: 'requisition.requisition.write', zh: '生成与编辑请购单', en: 'Generate and edit requisitions', roles: ['head_chef'] },
  { key: 'requisition.requisition.approve', zh: '审核请购单', en: 'Approve requisitions', roles: ['canteen_head'] },
] as const);
