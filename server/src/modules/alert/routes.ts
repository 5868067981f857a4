import { IdParams, route, type App } from '../../core/http.ts';
import { AlertQuery, EscalationInput, EscalationQuery, HistoryQuery, ResolveInput, SummaryQuery } from './contracts.ts';
import { readEscalationRules, setEscalationRules } from './escalation.ts';
import { alertHistory } from './history.ts';
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
  route(app, { method: 'get', path: '/api/alerts/history', tag, summary: '食堂预警历史与统计 / a canteen\'s alert history and figures', guard: read, query: HistoryQuery,
    handler: (ctx, { query }) => alertHistory(ctx, query) });
  route(app, { method: 'get', path: '/api/alerts/escalation', tag, summary: '升级时限 / escalation times', guard: read, query: EscalationQuery,
    handler: (ctx, { query }) => readEscalationRules(ctx, query.orgId) });
  route(app, { method: 'put', path: '/api/alerts/escalation', tag, summary: '设置升级时限 / set escalation times', guard: { permission: P['alert.settings.manage'] }, body: EscalationInput,
    handler: (ctx, { body }) => setEscalationRules(ctx, body) });
  route(app, { method: 'get', path: '/api/alerts/kinds', tag, summary: '预警类型 / kinds of alert', guard: read,
    handler: async () => allAlertKinds() });
  route(app, { method: 'post', path: '/api/alerts/:id/acknowledge', tag, summary: '确认预警 / acknowledge', guard: handle, params: IdParams,
    handler: (ctx, { params }) => acknowledgeAlert(ctx, params.id) });
  route(app, { method: 'post', path: '/api/alerts/:id/resolve', tag, summary: '处理完毕 / resolve with a note', guard: handle, params: IdParams, body: ResolveInput,
    handler: (ctx, { params, body }) => resolveAlert(ctx, params.id, body.note) });
}
