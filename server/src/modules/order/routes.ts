import { inTransaction } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { IdParams, route, type App } from '../../core/http.ts';
import { authenticateDevice, DEVICE_CODE_HEADER, DEVICE_TOKEN_HEADER } from '../../devices/index.ts';
import {
  CancelInput, CanteenQuery, DayQuery, LockerInput, LockerPickupInput, MineQuery, OfferInput, OfferQuery, ReadyInput, ReasonInput, RulesInput,
  ServeInput, StandardInput, StandardQuery, StatementPaidInput, StatementQuery, StatementsQuery, TakeoutInput, UnitMealInput,
} from './contracts.ts';
import { commandFor, DENY_TEXT, lockerBoard, markReady, pickupByCode, setLockerCells } from './lockers.ts';
import { offersFor, setOffers } from './offers.ts';
import { approveOrder, cancelOrder, dayOrders, getOrder, myOrders, pendingApprovals, placeTakeout, rejectOrder, requestUnitMeal, serveOrder } from './orders.ts';
import { P } from './permissions.ts';
import { productionList } from './production.ts';
import { getRules, getStandard, setRules, setStandard } from './settings.ts';
import { getStatement, listStatements, markPaid, statementFile } from './statements.ts';

const tag = '订餐 orders';

export function orderRoutes(app: App): void {
  const self = { permission: P['order.self.use'] };
  const read = { permission: P['order.order.read'] };
  const write = { permission: P['order.order.write'] };
  const signedIn = { authenticated: true } as const;

  route(app, { method: 'get', path: '/api/orders/canteens', tag, summary: '可订餐的食堂 / canteens one may order from', guard: signedIn,
    handler: async (ctx) => ctx.tree.canteens().filter((c) => ctx.tree.root(c.id) === ctx.tree.root(ctx.user!.orgId)).map((c) => ({ id: c.id, code: c.code, name: c.name })) });
  route(app, { method: 'get', path: '/api/orders/offers', tag, summary: '可订外卖 / dishes offered for takeout at a meal', guard: signedIn, query: OfferQuery,
    handler: (ctx, { query }) => offersFor(ctx, query.canteenId, query.date, query.meal) });
  route(app, { method: 'put', path: '/api/orders/offers', tag, summary: '设置外卖供应与限量 / set takeout dishes and limits', guard: { permission: P['order.offer.write'] }, body: OfferInput,
    handler: (ctx, { body }) => setOffers(ctx, body) });
  route(app, { method: 'get', path: '/api/orders/rules', tag, summary: '订餐规则 / ordering rules of a canteen', guard: signedIn, query: CanteenQuery,
    handler: (ctx, { query }) => getRules(ctx, query.canteenId) });
  route(app, { method: 'put', path: '/api/orders/rules', tag, summary: '设置订餐规则（截止时间、取餐时限、未取餐规则）/ set cut-offs, pickup window, no-show rule', guard: { permission: P['order.offer.write'] }, body: RulesInput,
    handler: (ctx, { body }) => setRules(ctx, body) });
  route(app, { method: 'get', path: '/api/orders/unit-standards', tag, summary: '单位餐标 / a unit’s per-person standard', guard: signedIn, query: StandardQuery,
    handler: (ctx, { query }) => getStandard(ctx, query.unitId) });
  route(app, { method: 'put', path: '/api/orders/unit-standards', tag, summary: '设置单位餐标 / set a unit’s per-person standard', guard: { permission: P['order.statement.write'] }, body: StandardInput,
    handler: (ctx, { body }) => setStandard(ctx, body) });

  route(app, { method: 'post', path: '/api/orders', tag, summary: '订外卖并付款 / order takeout and pay from the meal card', guard: self, body: TakeoutInput, status: 201,
    handler: (ctx, { body }) => placeTakeout(ctx, body) });
  route(app, { method: 'post', path: '/api/orders/unit-meals', tag, summary: '申请会议餐/公务餐 / request a meeting or official meal for my unit', guard: self, body: UnitMealInput, status: 201,
    handler: (ctx, { body }) => requestUnitMeal(ctx, body) });
  route(app, { method: 'get', path: '/api/orders/mine', tag, summary: '我的订单 / my orders', guard: self, query: MineQuery,
    handler: (ctx, { query }) => myOrders(ctx, query.limit) });
  route(app, { method: 'get', path: '/api/orders', tag, summary: '当日订单 / a canteen’s orders of a day', guard: read, query: DayQuery,
    handler: (ctx, { query }) => dayOrders(ctx, query) });
  route(app, { method: 'get', path: '/api/orders/approvals', tag, summary: '待我审批的会议餐/公务餐 / meeting and official meals waiting for me', guard: signedIn,
    handler: (ctx) => pendingApprovals(ctx) });
  route(app, { method: 'get', path: '/api/orders/production', tag, summary: '备餐单 / production list of a meal', guard: read, query: DayQuery.required({ meal: true }),
    handler: (ctx, { query }) => productionList(ctx, query.canteenId, query.date, query.meal) });
  route(app, { method: 'get', path: '/api/orders/lockers', tag, summary: '取餐柜与格口 / lockers and their cells', guard: read, query: CanteenQuery,
    handler: (ctx, { query }) => lockerBoard(ctx, query.canteenId) });
  route(app, { method: 'put', path: '/api/orders/lockers/:id', tag, summary: '设置取餐柜格口数 / set a locker’s number of cells', guard: { permission: P['order.offer.write'] }, params: IdParams, body: LockerInput,
    handler: (ctx, { params, body }) => setLockerCells(ctx, params.id, body.cells) });
  // Lockers without MQTT: the locker signs in with its device code and token headers, as on the readings ingress.
  route(app, { method: 'post', path: '/api/orders/locker-pickups', tag, summary: `取餐柜验码开格（请求头 ${DEVICE_CODE_HEADER} 与 ${DEVICE_TOKEN_HEADER}）/ a locker checks a pickup code and learns which cell to open`,
    // The device check reads outside any transaction (a cached lookup); the pickup is then one transaction.
    guard: { public: true }, body: LockerPickupInput, noTransaction: true,
    handler: async (ctx, { body }, c) => {
      const device = await authenticateDevice(ctx, c.req.header(DEVICE_CODE_HEADER), c.req.header(DEVICE_TOKEN_HEADER));
      if (!device || device.kind !== 'locker') throw new AppError(401, 'device_unauthorized', '设备编码或令牌不正确，或设备已停用', 'Wrong device code or token, or the device is inactive');
      const outcome = await inTransaction(ctx, (tx) => pickupByCode(tx, device, body.code));
      if (!outcome.ok) throw new AppError(outcome.reason === 'locked_out' ? 429 : outcome.reason === 'expired' ? 409 : 404, `pickup_${outcome.reason}`, DENY_TEXT[outcome.reason].zh, DENY_TEXT[outcome.reason].en);
      return commandFor(outcome);
    } });

  route(app, { method: 'get', path: '/api/orders/statements', tag, summary: '单位月结单 / units’ monthly statements', guard: { permission: P['order.statement.read'] }, query: StatementsQuery,
    handler: (ctx, { query }) => listStatements(ctx, query) });
  route(app, { method: 'get', path: '/api/orders/statements/detail', tag, summary: '月结单明细（可导出 Excel/PDF）/ one statement (format=xlsx|pdf to download)', guard: { permission: P['order.statement.read'] }, query: StatementQuery,
    handler: async (ctx, { query }): Promise<unknown> => (query.format === 'json' ? getStatement(ctx, query) : statementFile(ctx, query, query.format)) });
  route(app, { method: 'post', path: '/api/orders/statements/paid', tag, summary: '月结收款 / record that a unit paid its statement', guard: { permission: P['order.statement.write'] }, body: StatementPaidInput,
    handler: (ctx, { body }) => markPaid(ctx, body) });

  route(app, { method: 'get', path: '/api/orders/:id', tag, summary: '订单详情 / one order', guard: signedIn, params: IdParams,
    handler: (ctx, { params }) => getOrder(ctx, params.id) });
  route(app, { method: 'post', path: '/api/orders/:id/cancel', tag, summary: '取消订单（截止前，外卖原路退款）/ cancel before the cut-off (takeout refunded)', guard: self, params: IdParams, body: CancelInput,
    handler: (ctx, { params, body }) => cancelOrder(ctx, params.id, body) });
  route(app, { method: 'post', path: '/api/orders/:id/approve', tag, summary: '审批通过 / approve (canteen head or unit approver)', guard: signedIn, params: IdParams,
    handler: (ctx, { params }) => approveOrder(ctx, params.id) });
  route(app, { method: 'post', path: '/api/orders/:id/reject', tag, summary: '退回 / reject with a reason', guard: signedIn, params: IdParams, body: ReasonInput,
    handler: (ctx, { params, body }) => rejectOrder(ctx, params.id, body.reason) });
  route(app, { method: 'post', path: '/api/orders/:id/ready', tag, summary: '备好放入取餐柜（生成取餐码）/ packed: into a locker cell, pickup code issued', guard: write, params: IdParams, body: ReadyInput,
    handler: (ctx, { params, body }) => markReady(ctx, params.id, body.lockerId) });
  route(app, { method: 'post', path: '/api/orders/:id/serve', tag, summary: '会议餐/公务餐出餐并记单位账 / serve a meeting or official meal and bill the unit', guard: write, params: IdParams, body: ServeInput,
    handler: (ctx, { params, body }) => serveOrder(ctx, params.id, body) });
}

