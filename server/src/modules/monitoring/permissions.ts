import { definePermissions } from '../../core/permissions.ts';

/**
 * Temperatures are watched by the kitchen's managers; thresholds are set by the canteen head or the
 * site manager (项目经理, the contractor's). Camera events are reviewed by those who answer for food
 * safety; live views are also for the dining-hall manager.
 */
export const P = definePermissions([
  { key: 'monitoring.sensor.read', zh: '查看温湿度监控', en: 'View temperature monitoring',
    roles: ['canteen_head', 'head_chef', 'site_manager', 'safety_officer', 'storekeeper', 'bureau_leader'] },
  { key: 'monitoring.sensor.manage', zh: '设置温湿度阈值', en: 'Set temperature thresholds', roles: ['canteen_head', 'site_manager'] },
  { key: 'monitoring.event.read', zh: '查看后厨行为事件', en: 'View kitchen behaviour events',
    roles: ['canteen_head', 'head_chef', 'site_manager', 'safety_officer', 'bureau_leader'] },
  { key: 'monitoring.event.review', zh: '复核后厨行为事件', en: 'Review kitchen behaviour events', roles: ['canteen_head', 'site_manager', 'safety_officer'] },
  { key: 'monitoring.camera.read', zh: '查看摄像头与直播', en: 'View cameras and live views',
    roles: ['canteen_head', 'head_chef', 'site_manager', 'safety_officer', 'hall_manager', 'bureau_leader'] },
  { key: 'monitoring.camera.manage', zh: '登记与管理摄像头', en: 'Register and manage cameras', roles: ['canteen_head', 'site_manager'] },
] as const);
