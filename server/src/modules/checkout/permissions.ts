import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'checkout.sale.write', zh: '结算台收款', en: 'Sell at a checkout station', roles: ['cashier'] },
  { key: 'checkout.sale.undo', zh: '撤销刚完成的结算（限时）', en: 'Undo a sale just made (within the undo window)', roles: ['cashier', 'hall_manager', 'canteen_head'] },
  { key: 'checkout.sale.void', zh: '作废当日结算', en: 'Void a sale of the day after the undo window', roles: ['hall_manager', 'canteen_head'] },
  { key: 'checkout.sale.read', zh: '查看结算流水与日结', en: 'View sales and daily settlement', roles: ['cashier', 'hall_manager', 'canteen_head', 'bureau_leader'] },
  { key: 'checkout.settlement.write', zh: '日结', en: 'Close the day (daily settlement)', roles: ['canteen_head', 'cashier'] },
  { key: 'checkout.station.write', zh: '管理结算台', en: 'Manage checkout stations', roles: ['canteen_head'] },
  { key: 'checkout.recognition.write', zh: '登记菜品识别样本', en: 'Register dish photos for recognition', roles: ['head_chef', 'canteen_head', 'hall_manager'] },
] as const);
