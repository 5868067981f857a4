import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'menu.plan.read', zh: '查看菜品计划', en: 'View menu plans', roles: ['canteen_head', 'head_chef', 'site_manager', 'storekeeper', 'hall_manager', 'cashier', 'bureau_leader'] },
  { key: 'menu.plan.write', zh: '编排菜品计划', en: 'Plan menus', roles: ['head_chef'] },
  { key: 'menu.plan.publish', zh: '发布菜品计划', en: 'Publish menu plans', roles: ['head_chef', 'canteen_head'] },
  { key: 'menu.must_serve.write', zh: '设置必排菜', en: 'Set must-serve dishes', roles: ['canteen_head', 'head_chef'] },
  { key: 'menu.published.read', zh: '查看已发布菜单', en: 'View published menus', roles: ['diner', 'canteen_head', 'head_chef', 'site_manager', 'hall_manager', 'cashier', 'bureau_leader', 'storekeeper', 'safety_officer', 'area_warden', 'receiver'] },
] as const);
