import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'supplier.supplier.read', zh: '查看供应商与价格', en: 'View suppliers and prices', roles: ['canteen_head', 'head_chef', 'storekeeper', 'receiver', 'site_manager', 'bureau_leader'] },
  { key: 'supplier.supplier.write', zh: '维护供应商', en: 'Edit suppliers', roles: ['canteen_head'] },
  { key: 'supplier.price_list.write', zh: '导入价格表', en: 'Import price lists', roles: ['canteen_head', 'head_chef'] },
] as const);
