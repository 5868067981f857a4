import { definePermissions } from '../../core/permissions.ts';

/**
 * The checklist is read by everyone who answers for the canteen's food safety; tasks are done by the wardens and
 * the hall manager they are given to (the service checks it is theirs); the template and the closing of a day are
 * the hall manager's and the managers'.
 */
export const P = definePermissions([
  { key: 'inspection.checklist.read', zh: '查看每日自查与泔水记录', en: 'View daily self-inspections and waste records',
    roles: ['canteen_head', 'site_manager', 'safety_officer', 'hall_manager', 'area_warden', 'head_chef', 'bureau_leader'] },
  { key: 'inspection.task.do', zh: '完成分配给自己的自查项（拍照）', en: 'Do the self-inspection items given to you (with photos)', roles: ['area_warden', 'hall_manager'] },
  { key: 'inspection.template.manage', zh: '编辑每日自查表', en: 'Edit the daily self-inspection checklist', roles: ['canteen_head', 'site_manager', 'hall_manager'] },
  { key: 'inspection.run.close', zh: '关闭当日自查（未完成项写明原因）', en: 'Close a day’s checklist (with a note for what is left)', roles: ['hall_manager', 'site_manager', 'canteen_head'] },
  { key: 'inspection.waste.write', zh: '登记泔水称重', en: 'Record kitchen waste weights', roles: ['hall_manager', 'area_warden', 'site_manager', 'head_chef'] },
] as const);
