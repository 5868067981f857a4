import { readWorkbook, rejectOrSkip, writeWorkbook, xlsxResponse } from '../../core/excel.ts';
import { IdParams, route, type App } from '../../core/http.ts';
import { ImportFields, readUpload } from '../../core/upload.ts';
import { IngredientInput, IngredientQuery, StockLimitInput } from './contracts.ts';
import { P } from './permissions.ts';
import * as svc from './service.ts';
import { ingredientSheet, toSheetRow } from './spreadsheet.ts';

const tag = '食材 ingredients';

export function ingredientRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/ingredients', tag, summary: '食材列表 / list ingredients', guard: { permission: P['ingredient.ingredient.read'] }, query: IngredientQuery,
    handler: (ctx, { query }) => svc.listIngredients(ctx, query) });
  route(app, { method: 'get', path: '/api/ingredients/export.xlsx', tag, summary: '导出 Excel / export', guard: { permission: P['ingredient.ingredient.read'] }, query: IngredientQuery,
    handler: async (ctx, { query }) => xlsxResponse(await writeWorkbook([{ spec: ingredientSheet, rows: (await svc.listIngredients(ctx, query)).map(toSheetRow) }]), '食材 ingredients.xlsx') });
  route(app, { method: 'post', path: '/api/ingredients/import', tag, summary: '导入 Excel/CSV / import', guard: { permission: P['ingredient.ingredient.write'] }, multipart: true,
    handler: async (ctx, _i, c) => {
      const up = await readUpload(c, ImportFields, ctx.lang);
      const orgId = svc.ownerOrg(ctx, P['ingredient.ingredient.write'], up.fields.orgId);
      const { sheet } = await readWorkbook(up.bytes, up.name, { sheet: ingredientSheet }, ctx.lang);
      const skipped = rejectOrSkip(sheet.errors, sheet.rows.length, up.fields.skipBadRows);
      const result = await svc.upsertIngredients(ctx, orgId, sheet.rows.map((r) => r.value));
      return { imported: sheet.rows.length, ...result, skipped };
    } });
  route(app, { method: 'get', path: '/api/ingredients/:id', tag, summary: '食材详情 / one ingredient', guard: { permission: P['ingredient.ingredient.read'] }, params: IdParams,
    handler: (ctx, { params }) => svc.getIngredient(ctx, params.id) });
  route(app, { method: 'post', path: '/api/ingredients', tag, summary: '新建食材 / create ingredient', guard: { permission: P['ingredient.ingredient.write'] }, body: IngredientInput, status: 201,
    handler: (ctx, { body }) => svc.createIngredient(ctx, body) });
  route(app, { method: 'put', path: '/api/ingredients/:id', tag, summary: '修改食材 / update ingredient', guard: { permission: P['ingredient.ingredient.write'] }, params: IdParams, body: IngredientInput,
    handler: (ctx, { params, body }) => svc.updateIngredient(ctx, params.id, body) });
  route(app, { method: 'put', path: '/api/ingredients/:id/stock-limit', tag, summary: '库存上下限 / stock limits', guard: { permission: P['ingredient.stock_limit.write'] }, params: IdParams, body: StockLimitInput,
    handler: (ctx, { params, body }) => svc.setStockLimit(ctx, params.id, body) });
}
