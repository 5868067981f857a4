import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'report.report.read', zh: '查看报表', en: 'View reports', roles: ['canteen_head', 'head_chef', 'storekeeper', 'site_manager', 'bureau_leader'] },
] as const);
