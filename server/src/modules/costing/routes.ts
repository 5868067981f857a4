import { readWorkbook, writeWorkbook, xlsxResponse } from '../../core/excel.ts';
import { route, type App } from '../../core/http.ts';
import { readUpload } from '../../core/upload.ts';
import { DayQuery, RangeQuery, SalesImportFields, salesSheet } from './contracts.ts';
import { dishCosts, mealCosts } from './costing.ts';
import { P } from './permissions.ts';
import { importSales, listSales } from './sales.ts';

const tag = '成本与营收 costing';

export function costingRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/costing/meals', tag, summary: '每餐实际成本与毛利 / actual cost and margin per meal', guard: { permission: P['costing.costing.read'] }, query: RangeQuery,
    handler: (ctx, { query }) => mealCosts(ctx, query) });
  route(app, { method: 'get', path: '/api/costing/dishes', tag, summary: '菜品实际成本与毛利 / cost and margin per dish', guard: { permission: P['costing.costing.read'] }, query: DayQuery,
    handler: (ctx, { query }) => dishCosts(ctx, query) });
  route(app, { method: 'get', path: '/api/sales', tag, summary: '销售数据 / sales', guard: { permission: P['costing.costing.read'] }, query: RangeQuery,
    handler: (ctx, { query }) => listSales(ctx, query) });
  route(app, { method: 'get', path: '/api/sales/template', tag, summary: '销售导入模板 / sales import template', guard: { permission: P['costing.sales.write'] },
    handler: async () => xlsxResponse(await writeWorkbook([{ spec: salesSheet, rows: [] }]), '销售导入模板 sales template.xlsx') });
  route(app, { method: 'post', path: '/api/sales/import', tag, summary: '导入销售（Excel/CSV）/ import sales', guard: { permission: P['costing.sales.write'] }, multipart: true, status: 201,
    handler: async (ctx, _i, c) => {
      const up = await readUpload(c, SalesImportFields, ctx.lang);
      const { sheet } = await readWorkbook(up.bytes, up.name, { sheet: salesSheet }, ctx.lang);
      return importSales(ctx, up.fields.canteenId, sheet, up.fields.skipBadRows);
    } });
}
