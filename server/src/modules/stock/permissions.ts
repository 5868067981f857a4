import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'stock.stock.read', zh: '查看库存与出入库', en: 'View stock and stock movements', roles: ['canteen_head', 'head_chef', 'storekeeper', 'receiver', 'site_manager', 'bureau_leader'] },
  { key: 'stock.receipt.write', zh: '验收入库', en: 'Receive goods', roles: ['storekeeper', 'receiver'] },
  { key: 'stock.issue.write', zh: '领用出库', en: 'Issue to the kitchen', roles: ['storekeeper'] },
  { key: 'stock.adjust.write', zh: '退货、调拨与报损', en: 'Return, transfer and write off stock', roles: ['storekeeper'] },
  { key: 'stock.count.write', zh: '盘点录入', en: 'Enter stock counts', roles: ['storekeeper'] },
  { key: 'stock.count.approve', zh: '审核盘点', en: 'Approve stock counts', roles: ['canteen_head'] },
  { key: 'stock.settings.write', zh: '设置验收必备单据', en: 'Set required receipt documents', roles: ['canteen_head'] },
] as const);
