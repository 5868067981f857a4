import { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import { IdParams, route, type App } from '../../core/http.ts';
import { readUpload } from '../../core/upload.ts';
import { CanteenQuery, ChecklistQuery, CloseRunInput, HistoryQuery, MyTasksQuery, PhotoParams, TaskDoneInput, TemplateInput, TrendQuery, VoidInput, WasteFields, WasteQuery } from './contracts.ts';
import { P } from './permissions.ts';
import { checklist, closeRun, history, overdueTasks } from './runs.ts';
import { addTaskPhoto, completeTask, myTasks, photoBytes, removeTaskPhoto } from './tasks.ts';
import { getTemplate, saveTemplate } from './templates.ts';
import { listWaste, recordWaste, voidWaste, wasteTrend } from './waste.ts';
import { inlineFile } from '../../core/inline-file.ts';

const inspections = '每日自查 self-inspection';
const wasteTag = '泔水 kitchen waste';

const photoResponse = async (ctx: Ctx, id: number) => {
  const p = await photoBytes(ctx, id);
  return inlineFile(p.data, p.mime, { maxAgeS: 86400 });
};

export function inspectionRoutes(app: App): void {
  const read = { permission: P['inspection.checklist.read'] };
  const doTask = { permission: P['inspection.task.do'] };
  route(app, { method: 'get', path: '/api/inspections/checklist', tag: inspections, summary: '某日自查清单（今日的按模板生成）/ a day’s checklist, issued today from the template', guard: read, query: ChecklistQuery,
    handler: (ctx, { query }) => checklist(ctx, query) });
  route(app, { method: 'get', path: '/api/inspections/history', tag: inspections, summary: '历史：每日完成情况 / completion per day', guard: read, query: HistoryQuery,
    handler: (ctx, { query }) => history(ctx, query) });
  route(app, { method: 'get', path: '/api/inspections/overdue', tag: inspections, summary: '逾期未完成的自查项 / items past their deadline', guard: read, query: CanteenQuery,
    handler: (ctx, { query }) => overdueTasks(ctx, query.canteenId) });
  route(app, { method: 'get', path: '/api/inspections/template', tag: inspections, summary: '自查表模板及可指定的人员 / the checklist template and who may be named', guard: read, query: CanteenQuery,
    handler: (ctx, { query }) => getTemplate(ctx, query.canteenId) });
  route(app, { method: 'put', path: '/api/inspections/template', tag: inspections, summary: '修改自查表（今日未开始的项随之更新）/ edit the checklist; today’s unstarted items follow', guard: { permission: P['inspection.template.manage'] }, body: TemplateInput,
    handler: (ctx, { body }) => saveTemplate(ctx, body) });
  route(app, { method: 'post', path: '/api/inspections/runs/:id/close', tag: inspections, summary: '关闭当日自查（未完成项写明原因）/ close a day, with a note for what is left', guard: { permission: P['inspection.run.close'] }, params: IdParams, body: CloseRunInput,
    handler: (ctx, { params, body }) => closeRun(ctx, params.id, body.note) });
  route(app, { method: 'get', path: '/api/inspections/my-tasks', tag: inspections, summary: '我今天的自查项 / my checklist items today', guard: doTask, query: MyTasksQuery,
    handler: (ctx, { query }) => myTasks(ctx, query) });
  route(app, { method: 'post', path: '/api/inspections/tasks/:id/photos', tag: inspections, summary: '上传现场照片（服务器加水印，不保留原图）/ add a photo; the server watermarks it and keeps no original', guard: doTask, params: IdParams, multipart: true, status: 201,
    handler: async (ctx, { params }, c) => addTaskPhoto(ctx, params.id, await readUpload(c, z.object({}), ctx.lang)) });
  route(app, { method: 'delete', path: '/api/inspections/tasks/:id/photos/:photoId', tag: inspections, summary: '撤回一张照片（完成前）/ take a photo back, before done', guard: doTask, params: PhotoParams,
    handler: (ctx, { params }) => removeTaskPhoto(ctx, params.id, params.photoId) });
  route(app, { method: 'post', path: '/api/inspections/tasks/:id/done', tag: inspections, summary: '完成：正常或发现问题 / done: fine, or a problem found', guard: doTask, params: IdParams, body: TaskDoneInput,
    handler: (ctx, { params, body }) => completeTask(ctx, params.id, body) });
  route(app, { method: 'get', path: '/api/inspections/photos/:id', tag: inspections, summary: '带水印的照片 / a watermarked photo', guard: read, params: IdParams,
    handler: (ctx, { params }) => photoResponse(ctx, params.id) });

  route(app, { method: 'get', path: '/api/waste', tag: wasteTag, summary: '泔水记录 / waste records', guard: read, query: WasteQuery,
    handler: (ctx, { query }) => listWaste(ctx, query) });
  route(app, { method: 'post', path: '/api/waste', tag: wasteTag, summary: '登记泔水：重量（输入或秤）、照片、收运人 / record waste: weight (typed or scale), photo, collector', guard: { permission: P['inspection.waste.write'] }, multipart: true, status: 201,
    handler: async (ctx, _input, c) => recordWaste(ctx, await readUpload(c, WasteFields, ctx.lang)) });
  route(app, { method: 'post', path: '/api/waste/:id/void', tag: wasteTag, summary: '作废记录 / void a record', guard: { permission: P['inspection.waste.write'] }, params: IdParams, body: VoidInput,
    handler: (ctx, { params, body }) => voidWaste(ctx, params.id, body.reason) });
  route(app, { method: 'get', path: '/api/waste/trend', tag: wasteTag, summary: '人均泔水趋势（30/90 天）/ waste per diner, 30 or 90 days', guard: read, query: TrendQuery,
    handler: (ctx, { query }) => wasteTrend(ctx, query) });
  route(app, { method: 'get', path: '/api/waste/photos/:id', tag: wasteTag, summary: '带水印的称重照片 / a watermarked weighing photo', guard: read, params: IdParams,
    handler: (ctx, { params }) => photoResponse(ctx, params.id) });
}
