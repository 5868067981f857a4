import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'ingredient.ingredient.read', zh: '查看食材', en: 'View ingredients', roles: ['canteen_head', 'head_chef', 'site_manager', 'storekeeper', 'receiver', 'bureau_leader', 'safety_officer'] },
  { key: 'ingredient.ingredient.write', zh: '维护食材', en: 'Edit ingredients', roles: ['head_chef', 'canteen_head'] },
  { key: 'ingredient.stock_limit.write', zh: '设置库存上下限', en: 'Set stock limits', roles: ['canteen_head', 'storekeeper', 'head_chef'] },
] as const);
