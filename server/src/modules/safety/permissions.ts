import { definePermissions } from '../../core/permissions.ts';

/**
 * The food-safety day at a glance reads every food-safety module of a canteen. The open kitchen
 * (阳光厨房) needs no key: any signed-in person of the bureau may look into its kitchens.
 */
export const P = definePermissions([
  { key: 'safety.day.read', zh: '查看食品安全当日概览', en: 'View the food-safety day at a glance',
    roles: ['canteen_head', 'site_manager', 'safety_officer', 'head_chef', 'hall_manager', 'bureau_leader'] },
] as const);
