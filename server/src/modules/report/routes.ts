import { route, type App } from '../../core/http.ts';
import { ReportParams, ReportQuery, REPORT_KEYS } from './contracts.ts';
import { P } from './permissions.ts';
import { REPORT_TITLES, REPORTS } from './reports.ts';
import { renderReport } from './service.ts';

const tag = '报表 reports';
export function reportRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/reports', tag, summary: '报表目录 / the reports', guard: { permission: P['report.report.read'] },
    handler: async () => REPORT_KEYS.map((key) => ({ key, ...REPORT_TITLES[key], needsSales: REPORTS[key].needsSales })) });
  route(app, { method: 'get', path: '/api/reports/:key', tag, summary: '报表（format=json|xlsx|pdf）/ one report on screen, in Excel or PDF', guard: { permission: P['report.report.read'] },
    params: ReportParams, query: ReportQuery,
    handler: (ctx, { params, query }) => renderReport(ctx, params.key, query) });
}
