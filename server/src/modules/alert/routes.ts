import { IdParams, route, type App } from '../../core/http.ts';
import { AlertQuery, ResolveInput, SummaryQuery } from './contracts.ts';
import { allAlertKinds } from './kinds.ts';
import { P } from './permissions.ts';
import { acknowledgeAlert, alertSummary, listAlerts, resolveAlert } from './service.ts';

const tag = '预警 alerts';

export function alertRoutes(app: App): void {
  const read = { permission: P['alert.alert.read'] };
  const handle = { permission: P['alert.alert.handle'] };
  route(app, { method: 'get', path: '/api/alerts', tag, summary: '预警列表 / alerts', guard: read, query: AlertQuery,
    handler: (ctx, { query }) => listAlerts(ctx, query) });
  route(app, { method: 'get', path: '/api/alerts/summary', tag, summary: '未处理预警数 / unresolved alerts counted', guard: read, query: SummaryQuery,
    handler: (ctx, { query }) => alertSummary(ctx, query) });
  route(app, { method: 'get', path: '/api/alerts/kinds', tag, summary: '预警类型 / kinds of alert', guard: read,
    handler: async () => allAlertKinds() });
  route(app, { method: 'post', path: '/api/alerts/:id/acknowledge', tag, summary: '确认预警 / acknowledge', guard: handle, params: IdParams,
    handler: (ctx, { params }) => acknowledgeAlert(ctx, params.id) });
  route(app, { method: 'post', path: '/api/alerts/:id/resolve', tag, summary: '处理完毕 / resolve with a note', guard: handle, params: IdParams, body: ResolveInput,
    handler: (ctx, { params, body }) => resolveAlert(ctx, params.id, body.note) });
}
