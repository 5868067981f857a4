import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'purchase.order.read', zh: '查看采购单', en: 'View purchase orders', roles: ['canteen_head', 'head_chef', 'storekeeper', 'receiver', 'site_manager', 'bureau_leader'] },
  { key: 'purchase.order.write', zh: '生成、发送与关闭采购单', en: 'Create, send and close purchase orders', roles: ['canteen_head', 'storekeeper'] },
] as const);
