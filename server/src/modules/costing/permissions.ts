import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'costing.costing.read', zh: '查看成本与营收', en: 'View costs and revenue', roles: ['canteen_head', 'head_chef', 'site_manager', 'bureau_leader'] },
  { key: 'costing.sales.write', zh: '导入销售数据', en: 'Import sales', roles: ['canteen_head', 'cashier'] },
] as const);
