import { definePermissions } from '../../core/permissions.ts';

export const P = definePermissions([
  { key: 'order.self.use', zh: '网上订餐，为本单位申请会议餐与公务餐', en: 'Order takeout; request meeting and official meals for one’s unit', roles: ['diner'] },
  { key: 'order.order.read', zh: '查看订单、备餐单与取餐柜', en: 'View orders, the production list and lockers', roles: ['canteen_head', 'head_chef', 'hall_manager', 'cashier', 'bureau_leader'] },
  { key: 'order.order.write', zh: '备餐完成放入取餐柜、会议餐出餐', en: 'Mark orders ready (into a locker) and meeting meals served', roles: ['canteen_head', 'head_chef', 'hall_manager'] },
  { key: 'order.offer.write', zh: '设置外卖供应、截止时间与取餐规则', en: 'Set takeout offers, cut-offs and pickup rules', roles: ['canteen_head', 'head_chef'] },
  { key: 'order.meeting.approve', zh: '审批会议餐与公务餐（食堂）', en: 'Approve meeting and official meals (canteen)', roles: ['canteen_head'] },
  { key: 'order.unit.approve', zh: '审批本单位会议餐与公务餐', en: 'Approve the unit’s meeting and official meals', roles: ['unit_approver'] },
  { key: 'order.statement.read', zh: '查看单位月结单', en: 'View units’ monthly statements', roles: ['canteen_head', 'bureau_leader', 'unit_approver'] },
  { key: 'order.statement.write', zh: '单位月结收款、设置单位餐标', en: 'Record statement payments; set units’ per-person standards', roles: ['canteen_head'] },
] as const);
