import { z } from 'zod';
import { IdParams, route, type App } from '../../core/http.ts';
import { readUpload } from '../../core/upload.ts';
import { CertificateInput, CheckInput, CheckQuery, RosterQuery, SettingsInput, SettingsQuery, WorkerCreate, WorkerQuery, WorkerUpdate } from './contracts.ts';
import { checkFromPage, listChecks, roster } from './checks.ts';
import { P } from './permissions.ts';
import { createWorker, getPhoto, getWorker, listWorkers, renewCertificate, setPhoto, updateWorker } from './registry.ts';
import { getSettings, setSettings } from './settings.ts';
import { inlineFile } from '../../core/inline-file.ts';

export function workerRoutes(app: App): void {
  const tag = 'worker 从业人员与晨检';
  const read = { permission: P['worker.worker.read'] };
  const write = { permission: P['worker.worker.write'] };
  // Fixed paths before `/api/workers/:id`, which would otherwise take them.
  route(app, { method: 'get', path: '/api/workers/roster', tag, summary: '当日在岗名单：合格、不合格、未检、缺勤 / the day’s roster', guard: { permission: P['worker.check.read'] }, query: RosterQuery,
    handler: (ctx, { query }) => roster(ctx, query.canteenId, query.date) });
  route(app, { method: 'get', path: '/api/workers/checks', tag, summary: '晨检记录 / morning checks of a date range', guard: { permission: P['worker.check.read'] }, query: CheckQuery,
    handler: (ctx, { query }) => listChecks(ctx, query) });
  route(app, { method: 'post', path: '/api/workers/checks', tag, summary: '晨检登记（晨检页）/ record a morning check from the kiosk page', guard: { permission: P['worker.check.write'] }, body: CheckInput, status: 201,
    handler: (ctx, { body }) => checkFromPage(ctx, body) });
  route(app, { method: 'get', path: '/api/workers/settings', tag, summary: '健康证提醒与晨检设置 / certificate and morning-check settings', guard: read, query: SettingsQuery,
    handler: (ctx, { query }) => getSettings(ctx, query.canteenId) });
  route(app, { method: 'put', path: '/api/workers/settings', tag, summary: '修改设置 / change the settings', guard: { permission: P['worker.setting.write'] }, body: SettingsInput,
    handler: (ctx, { body }) => setSettings(ctx, body) });
  route(app, { method: 'get', path: '/api/workers', tag, summary: '从业人员 / kitchen workers', guard: read, query: WorkerQuery,
    handler: (ctx, { query }) => listWorkers(ctx, query) });
  route(app, { method: 'post', path: '/api/workers', tag, summary: '登记从业人员 / register a worker', guard: write, body: WorkerCreate, status: 201,
    handler: (ctx, { body }) => createWorker(ctx, body) });
  route(app, { method: 'get', path: '/api/workers/:id', tag, summary: '从业人员及其健康证 / a worker and their certificates', guard: read, params: IdParams,
    handler: (ctx, { params }) => getWorker(ctx, params.id) });
  route(app, { method: 'put', path: '/api/workers/:id', tag, summary: '修改、停用 / edit or deactivate', guard: write, params: IdParams, body: WorkerUpdate,
    handler: (ctx, { params, body }) => updateWorker(ctx, params.id, body) });
  route(app, { method: 'post', path: '/api/workers/:id/certificate', tag, summary: '换发健康证 / record a renewed health certificate', guard: write, params: IdParams, body: CertificateInput,
    handler: (ctx, { params, body }) => renewCertificate(ctx, params.id, body) });
  route(app, { method: 'put', path: '/api/workers/:id/photo', tag, summary: '上传照片 / upload the photo', guard: write, params: IdParams, multipart: true,
    handler: async (ctx, { params }, c) => setPhoto(ctx, params.id, await readUpload(c, z.object({}), ctx.lang)) });
  route(app, { method: 'get', path: '/api/workers/:id/photo', tag, summary: '照片 / the photo', guard: read, params: IdParams,
    handler: async (ctx, { params }) => {
      const p = await getPhoto(ctx, params.id);
      return inlineFile(p.data, p.mime, { maxAgeS: 3600 });
    } });
}
