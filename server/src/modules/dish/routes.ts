import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { route, type App } from '../../core/http.ts';
import { DishInput, DishQuery } from './contracts.ts';
import { P } from './permissions.ts';
import * as svc from './service.ts';

const tag = '菜品库 dishes';
const IdParams = z.object({ id: z.coerce.number().int().positive() });

export function dishRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/dishes', tag, summary: '菜品列表（含营养与成本）/ dishes with nutrition and cost', guard: { permission: P['dish.dish.read'] }, query: DishQuery,
    handler: (ctx, { query }) => svc.listDishes(ctx, query) });
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
      return new Response(new Uint8Array(p.bytes), { headers: { 'content-type': p.mime, 'cache-control': 'private, max-age=300' } });
    } });
}
