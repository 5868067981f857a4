/** Built-in roles (glossary names). Admins may add roles; these are always present. */
export const BUILTIN_ROLES = [
  { key: 'admin', zh: '系统管理员', en: 'Administrator' },
  { key: 'bureau_leader', zh: '局领导', en: 'Bureau leader' },
  { key: 'canteen_head', zh: '食堂负责人', en: 'Canteen head' },
  { key: 'head_chef', zh: '厨师长', en: 'Head chef' },
  { key: 'site_manager', zh: '项目经理', en: 'Site manager' },
  { key: 'storekeeper', zh: '仓管员', en: 'Storekeeper' },
  { key: 'receiver', zh: '验收员', en: 'Receiving clerk' },
  { key: 'cashier', zh: '收银员', en: 'Cashier' },
  { key: 'safety_officer', zh: '食安员', en: 'Food-safety officer' },
  { key: 'hall_manager', zh: '餐厅经理', en: 'Dining-hall manager' },
  { key: 'area_warden', zh: '网格区域责任人', en: 'Area warden' },
  { key: 'diner', zh: '就餐人员', en: 'Diner' },
  // Given at an agency unit: approves its meeting and official meals and reads its monthly statements.
  { key: 'unit_approver', zh: '单位审批人', en: 'Unit approver' },
] as const;

export type RoleKey = (typeof BUILTIN_ROLES)[number]['key'];
