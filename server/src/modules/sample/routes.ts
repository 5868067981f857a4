import { z } from 'zod';
import { IdParams, route, type App } from '../../core/http.ts';
import { readUpload } from '../../core/upload.ts';
import { cabinetsView } from './cabinet.ts';
import { CanteenQuery, DayQuery, DiscardInput, HistoryQuery, SampleInput, SettingsInput } from './contracts.ts';
import { sampleDayView, sampleHistory } from './day.ts';
import { P } from './permissions.ts';
import { addSamplePhoto, discardSample, dueForDiscard, getSample, recordSample, samplePhoto } from './samples.ts';
import { getSettings, setSettings } from './settings.ts';
import { inlineFile } from '../../core/inline-file.ts';

const tag = '留样 samples';

export function sampleRoutes(app: App): void {
  const read = { permission: P['sample.sample.read'] };
  const write = { permission: P['sample.sample.write'] };
  // Fixed paths before /api/samples/:id, so "settings" is never read as an id.
  route(app, { method: 'get', path: '/api/samples', tag, summary: '一天的留样：每餐每道菜的留样或缺失 / a day: every dish of every meal with its sample or missing', guard: read, query: DayQuery,
    handler: (ctx, { query }) => sampleDayView(ctx, query.canteenId, query.date) });
  route(app, { method: 'get', path: '/api/samples/history', tag, summary: '按日汇总：应留、已留、不足、缺失 / per day: dishes, kept, light, missing', guard: read, query: HistoryQuery,
    handler: (ctx, { query }) => sampleHistory(ctx, query.canteenId, query) });
  route(app, { method: 'get', path: '/api/samples/discards', tag, summary: '今天到期可销毁的留样 / samples due for discard today', guard: read, query: DayQuery,
    handler: (ctx, { query }) => dueForDiscard(ctx, query.canteenId, query.date) });
  route(app, { method: 'get', path: '/api/samples/cabinets', tag, summary: '留样柜：温度、门、格口、待登记的称重、事件 / sample cabinets: temperature, door, slots, weighings to name, events', guard: read, query: CanteenQuery,
    handler: (ctx, { query }) => cabinetsView(ctx, query.canteenId) });
  route(app, { method: 'get', path: '/api/samples/settings', tag, summary: '留样规则（克数、时长、宽限） / the canteen’s sample rule', guard: read, query: CanteenQuery,
    handler: (ctx, { query }) => getSettings(ctx, query.canteenId) });
  route(app, { method: 'put', path: '/api/samples/settings', tag, summary: '设置留样规则 / set the sample rule', guard: { permission: P['sample.setting.manage'] }, query: CanteenQuery, body: SettingsInput,
    handler: (ctx, { query, body }) => setSettings(ctx, query.canteenId, body) });
  route(app, { method: 'post', path: '/api/samples', tag, summary: '登记一份留样（按 requestKey 只记一次） / keep a sample, once per request key', guard: write, body: SampleInput, status: 201,
    handler: (ctx, { body }) => recordSample(ctx, body) });
  route(app, { method: 'get', path: '/api/samples/:id', tag, summary: '一份留样 / one sample', guard: read, params: IdParams,
    handler: (ctx, { params }) => getSample(ctx, params.id) });
  route(app, { method: 'post', path: '/api/samples/:id/photo', tag, summary: '留样照片（file）/ the photo of a sample box', guard: write, params: IdParams, multipart: true, status: 201,
    handler: async (ctx, { params }, c) => addSamplePhoto(ctx, params.id, await readUpload(c, z.object({}), ctx.lang)) });
  route(app, { method: 'get', path: '/api/samples/:id/photo', tag, summary: '留样照片 / the photo', guard: read, params: IdParams,
    handler: async (ctx, { params }) => {
      const p = await samplePhoto(ctx, params.id);
      return inlineFile(p.bytes, p.type, { maxAgeS: 3600 });
    } });
  route(app, { method: 'post', path: '/api/samples/:id/discard', tag, summary: '销毁留样（未满时限会预警） / discard a sample (before its time raises an alert)', guard: write, params: IdParams, body: DiscardInput,
    handler: (ctx, { params, body }) => discardSample(ctx, params.id, body.reason) });
}
