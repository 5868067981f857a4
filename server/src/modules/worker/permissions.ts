import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'worker.worker.read', zh: '查看从业人员与健康证', en: 'View kitchen workers and their health certificates', roles: ['site_manager', 'canteen_head', 'safety_officer', 'head_chef', 'hall_manager', 'bureau_leader'] },
  { key: 'worker.worker.write', zh: '登记从业人员、照片与健康证', en: 'Register kitchen workers, photos and health certificates', roles: ['site_manager', 'canteen_head', 'safety_officer'] },
  { key: 'worker.check.read', zh: '查看晨检记录与当日在岗名单', en: 'View morning checks and the day’s roster', roles: ['site_manager', 'canteen_head', 'safety_officer', 'head_chef', 'hall_manager', 'bureau_leader'] },
  { key: 'worker.check.write', zh: '晨检登记（晨检页）', en: 'Record morning checks (kiosk page)', roles: ['site_manager', 'safety_officer', 'canteen_head'] },
  { key: 'worker.check.recheck', zh: '复检：替换当日晨检结果', en: 'Re-check: replace the day’s morning check', roles: ['site_manager', 'canteen_head'] },
  { key: 'worker.setting.write', zh: '设置健康证提醒天数、发热标准与晨检截止时间', en: 'Set certificate warning days, fever threshold and check cut-off', roles: ['canteen_head', 'site_manager'] },
] as const);
