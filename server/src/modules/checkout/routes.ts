import { IdParams, route, type App } from '../../core/http.ts';
import { readUpload } from '../../core/upload.ts';
import { boardFor, mealAt } from './board.ts';
import { CanteenQuery, DayQuery, IdentifyInput, RangeQuery, RecognizeInput, SampleFields, QuoteInput, SaleInput, SalesQuery, StationInput, SyncInput, UndoInput } from './contracts.ts';
import { offlinePack, syncSales } from './offline.ts';
import { myMealRoutes } from './my-meals.ts';
import { P } from './permissions.ts';
import { recognitionStats, recognize, registerSample, sampleCounts } from './recognition.ts';
import { getSale, identify, listSales, quote, sell, undoSale } from './sale.ts';
import { closeDay, dailySettlement } from './settlement.ts';
import { createStation, listStations } from './stations.ts';

const tag = '结算台 checkout';

export function checkoutRoutes(app: App): void {
  const sellGuard = { permission: P['checkout.sale.write'] };
  const read = { permission: P['checkout.sale.read'] };
  route(app, { method: 'get', path: '/api/checkout/board', tag, summary: '本餐菜品与价格 / dishes and prices of the current meal', guard: sellGuard, query: CanteenQuery,
    handler: async (ctx, { query }) => {
      ctx.access.requireCanteen(P['checkout.sale.write'], query.canteenId);
      const { date, meal } = mealAt(ctx.now());
      return boardFor(ctx, query.canteenId, date, meal);
    } });
  route(app, { method: 'post', path: '/api/checkout/identify', tag, summary: '识别就餐人员（卡、付款码、人脸）/ identify the diner (card, pay code, face)', guard: sellGuard, body: IdentifyInput, noTransaction: true,
    handler: (ctx, { body }) => identify(ctx, body.canteenId, body.identify) });
  route(app, { method: 'post', path: '/api/checkout/quote', tag, summary: '试算 / price the tray before paying', guard: sellGuard, body: QuoteInput, noTransaction: true,
    handler: (ctx, { body }) => quote(ctx, body) });
  route(app, { method: 'post', path: '/api/checkout/sales', tag, summary: '结算 / sell and charge the diner', guard: sellGuard, body: SaleInput, status: 201, noTransaction: true,
    handler: (ctx, { body }) => sell(ctx, body) });
  route(app, { method: 'get', path: '/api/checkout/sales', tag, summary: '结算流水 / sales of a day', guard: read, query: SalesQuery,
    handler: (ctx, { query }) => listSales(ctx, query) });
  route(app, { method: 'get', path: '/api/checkout/sales/:id', tag, summary: '结算明细 / one sale', guard: { authenticated: true }, params: IdParams,
    handler: (ctx, { params }) => getSale(ctx, params.id) });
  route(app, { method: 'post', path: '/api/checkout/sales/:id/undo', tag, summary: '撤销 / undo (cashier within the window, manager the same day)', guard: { authenticated: true }, params: IdParams, body: UndoInput,
    handler: (ctx, { params, body }) => undoSale(ctx, params.id, body) });
  route(app, { method: 'get', path: '/api/checkout/offline-pack', tag, summary: '离线数据包 / menu and roster for selling offline', guard: sellGuard, query: CanteenQuery,
    handler: (ctx, { query }) => offlinePack(ctx, query.canteenId) });
  route(app, { method: 'post', path: '/api/checkout/sync', tag, summary: '同步离线销售 / sync sales made offline', guard: sellGuard, body: SyncInput, noTransaction: true,
    handler: (ctx, { body }) => syncSales(ctx, body) });
  route(app, { method: 'get', path: '/api/checkout/settlement', tag, summary: '日结 / daily settlement by payment method', guard: read, query: DayQuery,
    handler: (ctx, { query }) => dailySettlement(ctx, query.canteenId, query.date) });
  route(app, { method: 'post', path: '/api/checkout/settlement/close', tag, summary: '日结入账（营收进入成本核算）/ close the day: sales feed costing and reports', guard: { permission: P['checkout.settlement.write'] }, body: DayQuery,
    handler: (ctx, { body }) => closeDay(ctx, body.canteenId, body.date) });
  route(app, { method: 'get', path: '/api/checkout/stations', tag, summary: '结算台 / stations of a canteen', guard: read, query: CanteenQuery,
    handler: (ctx, { query }) => listStations(ctx, query.canteenId) });
  route(app, { method: 'post', path: '/api/checkout/stations', tag, summary: '新增结算台 / add a station', guard: { permission: P['checkout.station.write'] }, body: StationInput, status: 201,
    handler: (ctx, { body }) => createStation(ctx, body) });
  route(app, { method: 'post', path: '/api/checkout/recognize', tag, summary: '菜品识别（限本餐菜单）/ recognise the dishes on a tray among this meal’s menu', guard: sellGuard, body: RecognizeInput, noTransaction: true,
    handler: (ctx, { body }) => recognize(ctx, body) });
  route(app, { method: 'get', path: '/api/checkout/recognition/samples', tag, summary: '识别样本数 / recognition samples per dish', guard: read, query: CanteenQuery,
    handler: (ctx, { query }) => sampleCounts(ctx, query.canteenId) });
  route(app, { method: 'post', path: '/api/checkout/recognition/samples', tag, summary: '登记菜品照片 / register a dish photo for recognition', guard: { permission: P['checkout.recognition.write'] }, multipart: true, status: 201,
    handler: async (ctx, _input, c) => {
      const up = await readUpload(c, SampleFields, ctx.lang);
      return registerSample(ctx, up.fields.canteenId, up.fields.dishId, up.bytes);
    } });
  route(app, { method: 'get', path: '/api/checkout/recognition/stats', tag, summary: '识别准确率（按更正统计）/ recognition kept vs corrected', guard: read, query: RangeQuery,
    handler: (ctx, { query }) => recognitionStats(ctx, query.canteenId, query.from, query.to) });
  myMealRoutes(app, tag);
}
