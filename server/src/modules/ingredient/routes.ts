import { z } from 'zod';
import { route, type App } from '../../core/http.ts';
import { IngredientInput, IngredientQuery, StockLimitInput } from './contracts.ts';
import { P } from './permissions.ts';
import * as svc from './service.ts';

const tag = '食材 ingredients';
const IdParams = z.object({ id: z.coerce.number().int().positive() });

export function ingredientRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/ingredients', tag, summary: '食材列表 / list ingredients', guard: { permission: P['ingredient.ingredient.read'] }, query: IngredientQuery,
    handler: (ctx, { query }) => svc.listIngredients(ctx, query) });
  route(app, { method: 'get', path: '/api/ingredients/:id', tag, summary: '食材详情 / one ingredient', guard: { permission: P['ingredient.ingredient.read'] }, params: IdParams,
    handler: (ctx, { params }) => svc.getIngredient(ctx, params.id) });
  route(app, { method: 'post', path: '/api/ingredients', tag, summary: '新建食材 / create ingredient', guard: { permission: P['ingredient.ingredient.write'] }, body: IngredientInput, status: 201,
    handler: (ctx, { body }) => svc.createIngredient(ctx, body) });
  route(app, { method: 'put', path: '/api/ingredients/:id', tag, summary: '修改食材 / update ingredient', guard: { permission: P['ingredient.ingredient.write'] }, params: IdParams, body: IngredientInput,
    handler: (ctx, { params, body }) => svc.updateIngredient(ctx, params.id, body) });
  route(app, { method: 'put', path: '/api/ingredients/:id/stock-limit', tag, summary: '库存上下限 / stock limits', guard: { permission: P['ingredient.stock_limit.write'] }, params: IdParams, body: StockLimitInput,
    handler: (ctx, { params, body }) => svc.setStockLimit(ctx, params.id, body) });
}
