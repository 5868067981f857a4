import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'account.self.use', zh: '查看与使用本人账户', en: 'See and use one’s own account', roles: ['diner'] },
  { key: 'account.account.read', zh: '查看就餐账户', en: 'View meal-card accounts', roles: ['cashier', 'canteen_head', 'hall_manager', 'bureau_leader'] },
  { key: 'account.account.write', zh: '开户、挂失、补卡、冻结', en: 'Open accounts, report lost cards, replace cards, freeze', roles: ['cashier', 'canteen_head'] },
  { key: 'account.money.write', zh: '现金充值与退款', en: 'Cash top-ups and refunds', roles: ['cashier'] },
  { key: 'account.subsidy.write', zh: '发放月度补贴', en: 'Credit the monthly subsidy', roles: ['canteen_head'] },
  { key: 'account.rules.write', zh: '设置就餐类别与价格补贴规则', en: 'Set diner categories and price and subsidy rules', roles: ['canteen_head'] },
] as const);
