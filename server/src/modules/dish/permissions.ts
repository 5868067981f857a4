import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'dish.dish.read', zh: '查看菜品库', en: 'View the dish library', roles: ['canteen_head', 'head_chef', 'site_manager', 'storekeeper', 'hall_manager', 'safety_officer', 'bureau_leader', 'cashier'] },
  { key: 'dish.dish.write', zh: '维护菜品与标准菜谱', en: 'Edit dishes and standard recipes', roles: ['head_chef'] },
] as const);
