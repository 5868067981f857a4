import { IdParams, route, type App } from '../../core/http.ts';
import { DecisionInput, GenerateInput, LinesInput, RejectInput, RequisitionQuery } from './contracts.ts';
import { P } from './permissions.ts';
import * as svc from './service.ts';

const tag = '请购单 requisitions';

export function requisitionRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/requisitions', tag, summary: '请购单列表 / requisitions', guard: { permission: P['requisition.requisition.read'] }, cache: true, query: RequisitionQuery,
    handler: (ctx, { query }) => svc.listRequisitions(ctx, query) });
  route(app, { method: 'get', path: '/api/requisitions/:id', tag, summary: '请购单 / one requisition', guard: { permission: P['requisition.requisition.read'] }, cache: true, params: IdParams,
    handler: (ctx, { params }) => svc.getRequisition(ctx, params.id) });
  route(app, { method: 'post', path: '/api/requisitions/generate', tag, summary: '按菜品计划生成 / generate from published plans', guard: { permission: P['requisition.requisition.write'] }, body: GenerateInput, status: 201,
    handler: (ctx, { body }) => svc.generateRequisition(ctx, body) });
  route(app, { method: 'put', path: '/api/requisitions/:id/lines', tag, summary: '修改数量 / edit quantities', guard: { permission: P['requisition.requisition.write'] }, params: IdParams, body: LinesInput,
    handler: (ctx, { params, body }) => svc.editLines(ctx, params.id, body) });
  route(app, { method: 'post', path: '/api/requisitions/:id/submit', tag, summary: '提交审核 / submit', guard: { permission: P['requisition.requisition.write'] }, params: IdParams,
    handler: (ctx, { params }) => svc.submitRequisition(ctx, params.id) });
  route(app, { method: 'post', path: '/api/requisitions/:id/approve', tag, summary: '审核通过 / approve', guard: { permission: P['requisition.requisition.approve'] }, params: IdParams, body: DecisionInput,
    handler: (ctx, { params, body }) => svc.decideRequisition(ctx, params.id, true, body.comment) });
  route(app, { method: 'post', path: '/api/requisitions/:id/reject', tag, summary: '退回 / reject', guard: { permission: P['requisition.requisition.approve'] }, params: IdParams, body: RejectInput,
    handler: (ctx, { params, body }) => svc.decideRequisition(ctx, params.id, false, body.comment) });
}
