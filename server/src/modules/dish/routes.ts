import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { readWorkbook, rejectOrSkip, writeWorkbook, xlsxResponse } from '../../core/excel.ts';
import { IdParams, route, type App } from '../../core/http.ts';
import { ImportFields, readUpload } from '../../core/upload.ts';
import { ingredientsByIds, ownerOrg } from '../ingredient/index.ts';
import { DishInput, DishQuery } from './contracts.ts';
import { P } from './permissions.ts';
import * as svc from './service.ts';
import { dishSheets, dishToSheetRow } from './spreadsheet.ts';
import { inlineFile } from '../../core/inline-file.ts';

const tag = '菜品库 dishes';

export function dishRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/dishes', tag, summary: '菜品列表（含营养与成本）/ dishes with nutrition and cost', guard: { permission: P['dish.dish.read'] }, query: DishQuery,
    handler: (ctx, { query }) => svc.listDishes(ctx, query) });
  route(app, { method: 'get', path: '/api/dishes/export.xlsx', tag, summary: '导出菜品与菜谱 / export dishes with recipes', guard: { permission: P['dish.dish.read'] }, query: DishQuery,
    handler: async (ctx, { query }) => {
      const list = await svc.listDishes(ctx, { ...query, canteenId: undefined });
      const recipes = await svc.recipesFor(ctx, list.map((d) => d.id));
      const ings = await ingredientsByIds(ctx, [...recipes.values()].flat().map((l) => l.ingredientId));
      const recipeRows = list.flatMap((d) => (recipes.get(d.id) ?? []).map((l) => ({ dishCode: d.code, ingredientCode: ings.get(l.ingredientId)?.code, netG: l.netG, yieldPct: l.yieldPct })));
      return xlsxResponse(await writeWorkbook([{ spec: dishSheets.dishes, rows: list.map(dishToSheetRow) }, { spec: dishSheets.recipes, rows: recipeRows }]), '菜品库 dishes.xlsx');
    } });
  route(app, { method: 'post', path: '/api/dishes/import', tag, summary: '导入菜品与菜谱 / import dishes with recipes', guard: { permission: P['dish.dish.write'] }, multipart: true,
    handler: async (ctx, _i, c) => {
      const up = await readUpload(c, ImportFields, ctx.lang);
      const orgId = ownerOrg(ctx, P['dish.dish.write'], up.fields.orgId);
      const parsed = await readWorkbook(up.bytes, up.name, dishSheets, ctx.lang);
      const plan = await svc.importDishes(ctx, orgId, parsed.dishes.rows, parsed.recipes.rows, { dishes: dishSheets.dishes.name, recipes: dishSheets.recipes.name });
      const skipped = rejectOrSkip([...parsed.dishes.errors, ...parsed.recipes.errors, ...plan.errors], plan.good, up.fields.skipBadRows);
      return { ...(await plan.commit()), skipped };
    } });
  route(app, { method: 'get', path: '/api/dishes/:id', tag, summary: '菜品与标准菜谱 / dish with recipe', guard: { permission: P['dish.dish.read'] }, params: IdParams,
    query: z.object({ canteenId: z.coerce.number().int().positive().optional(), date: z.iso.date().optional() }),
    handler: (ctx, { params, query }) => svc.getDish(ctx, params.id, query) });
  route(app, { method: 'post', path: '/api/dishes', tag, summary: '新建菜品 / create dish', guard: { permission: P['dish.dish.write'] }, body: DishInput, status: 201,
    handler: (ctx, { body }) => svc.createDish(ctx, body) });
  route(app, { method: 'put', path: '/api/dishes/:id', tag, summary: '修改菜品 / update dish', guard: { permission: P['dish.dish.write'] }, params: IdParams, body: DishInput,
    handler: (ctx, { params, body }) => svc.updateDish(ctx, params.id, body) });
  route(app, { method: 'put', path: '/api/dishes/:id/photo', tag, summary: '上传菜品照片 / upload photo', guard: { permission: P['dish.dish.write'] }, params: IdParams, multipart: true,
    handler: async (ctx, { params }, c) => {
      const form = await c.req.parseBody().catch(() => ({} as Record<string, unknown>));
      const file = form.file;
      if (!(file instanceof File)) throw new AppError(400, 'file_missing', '请选择要上传的照片', 'Choose a photo to upload');
      return svc.setPhoto(ctx, params.id, { type: file.type, bytes: Buffer.from(await file.arrayBuffer()) });
    } });
  route(app, { method: 'get', path: '/api/dishes/:id/photo', tag, summary: '菜品照片 / dish photo', guard: { authenticated: true }, params: IdParams,
    handler: async (ctx, { params }) => {
      const p = await svc.getPhoto(ctx, params.id);
      return inlineFile(p.bytes, p.mime, { maxAgeS: 300 });
    } });
}
