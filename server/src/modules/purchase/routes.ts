import { IdParams, route, type App } from '../../core/http.ts';
import { documentPdf, documentResponse } from '../../core/report-document.ts';
import { supplierChannels } from './adapters/supplier-channel.ts';
import { CloseInput, FromRequisitionInput, OrderQuery, SendInput } from './contracts.ts';
import { P } from './permissions.ts';
import * as svc from './service.ts';

const tag = '采购单 purchase orders';

export function purchaseRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/purchase-orders', tag, summary: '采购单列表 / purchase orders', guard: { permission: P['purchase.order.read'] }, query: OrderQuery,
    handler: (ctx, { query }) => svc.listOrders(ctx, query) });
  route(app, { method: 'get', path: '/api/purchase-orders/channels', tag, summary: '发送方式 / sending channels', guard: { permission: P['purchase.order.read'] },
    handler: async () => supplierChannels().map(({ key, zh, en }) => ({ key, zh, en })) });
  route(app, { method: 'get', path: '/api/purchase-orders/:id', tag, summary: '采购单 / one order with open quantities', guard: { permission: P['purchase.order.read'] }, params: IdParams,
    handler: (ctx, { params }) => svc.getOrder(ctx, params.id) });
  route(app, { method: 'get', path: '/api/purchase-orders/:id/pdf', tag, summary: '采购单 PDF / the order as PDF', guard: { permission: P['purchase.order.read'] }, params: IdParams,
    handler: async (ctx, { params }) => {
      const doc = await svc.orderDocument(ctx, params.id);
      return documentResponse(await documentPdf(doc, ctx.lang), 'pdf', `采购单 ${doc.fields![0]!.value}.pdf`);
    } });
  route(app, { method: 'post', path: '/api/purchase-orders/from-requisition', tag, summary: '按供应商拆分生成采购单 / orders from an approved requisition, one per supplier', guard: { permission: P['purchase.order.write'] }, body: FromRequisitionInput, status: 201,
    handler: (ctx, { body }) => svc.ordersFromRequisition(ctx, body) });
  route(app, { method: 'post', path: '/api/purchase-orders/:id/send', tag, summary: '发送给供应商 / send to the supplier', guard: { permission: P['purchase.order.write'] }, params: IdParams, body: SendInput,
    handler: (ctx, { params, body }) => svc.sendOrder(ctx, params.id, body.channel) });
  route(app, { method: 'post', path: '/api/purchase-orders/:id/close', tag, summary: '关闭或取消 / close or cancel', guard: { permission: P['purchase.order.write'] }, params: IdParams, body: CloseInput,
    handler: (ctx, { params, body }) => svc.closeOrder(ctx, params.id, body.reason) });
}
