import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'alert.alert.read', zh: '查看预警', en: 'View alerts',
    roles: ['canteen_head', 'head_chef', 'site_manager', 'storekeeper', 'receiver', 'safety_officer', 'hall_manager', 'bureau_leader'] },
  // Holders at a canteen are also the people notified of its alerts (notify.ts).
  { key: 'alert.alert.handle', zh: '确认与处理预警', en: 'Acknowledge and resolve alerts',
    roles: ['canteen_head', 'site_manager', 'storekeeper', 'safety_officer'] },
  { key: 'alert.settings.manage', zh: '设置预警升级时限', en: 'Set alert escalation times',
    roles: ['canteen_head'] },
] as const);
