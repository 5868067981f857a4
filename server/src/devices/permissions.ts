import { definePermissions } from '../core/permissions.ts';

export const P = definePermissions([
  { key: 'devices.device.read', zh: '查看设备与读数', en: 'View devices and readings', roles: ['storekeeper', 'receiver', 'canteen_head', 'head_chef', 'site_manager', 'cashier', 'safety_officer', 'hall_manager', 'area_warden'] },
  { key: 'devices.device.manage', zh: '登记与管理设备', en: 'Register and manage devices', roles: ['canteen_head'] },
] as const);
