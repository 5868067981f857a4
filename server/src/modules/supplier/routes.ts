import { IdParams, route, type App } from '../../core/http.ts';
import { readUpload } from '../../core/upload.ts';
import { writeWorkbook, xlsxResponse } from '../../core/excel.ts';
import { fenToYuan } from '../../core/spreadsheet-values.ts';
import { FilePriceFeed, priceSheet } from './adapters/file-price-feed.ts';
import { PriceImportFields, PriceListInput, PriceQuery, SupplierInput } from './contracts.ts';
import { P } from './permissions.ts';
import * as svc from './service.ts';

const tag = '供应商与价格 suppliers & prices';

export function supplierRoutes(app: App): void {
  route(app, { method: 'get', path: '/api/suppliers', tag, summary: '供应商列表 / suppliers', guard: { permission: P['supplier.supplier.read'] },
    handler: (ctx) => svc.listSuppliers(ctx) });
  route(app, { method: 'post', path: '/api/suppliers', tag, summary: '新建供应商 / create supplier', guard: { permission: P['supplier.supplier.write'] }, body: SupplierInput, status: 201,
    handler: (ctx, { body }) => svc.createSupplier(ctx, body) });
  route(app, { method: 'put', path: '/api/suppliers/:id', tag, summary: '修改供应商 / update supplier', guard: { permission: P['supplier.supplier.write'] }, params: IdParams, body: SupplierInput,
    handler: (ctx, { params, body }) => svc.updateSupplier(ctx, params.id, body) });
  route(app, { method: 'get', path: '/api/price-lists', tag, summary: '价格表 / price lists', guard: { permission: P['supplier.supplier.read'] },
    handler: (ctx) => svc.listPriceLists(ctx) });
  route(app, { method: 'post', path: '/api/price-lists/import', tag, summary: '导入价格表（Excel/CSV）/ import a price list', guard: { permission: P['supplier.price_list.write'] }, multipart: true, status: 201,
    handler: async (ctx, _i, c) => {
      const up = await readUpload(c, PriceImportFields, ctx.lang);
      return svc.importFromFeed(ctx, new FilePriceFeed(up.bytes, up.name, ctx.lang), up.fields);
    } });
  route(app, { method: 'get', path: '/api/price-lists/:id/export.xlsx', tag, summary: '导出价格表 / export a price list', guard: { permission: P['supplier.supplier.read'] }, params: IdParams,
    handler: async (ctx, { params }) => {
      const list = await svc.getPriceList(ctx, params.id);
      const rows = list.prices.map((p) => ({ ingredientCode: p.code, name: p.name, priceFen: fenToYuan(p.priceFen), gramsPerUnit: p.gramsPerUnit }));
      return xlsxResponse(await writeWorkbook([{ spec: priceSheet, rows }]), `价格表 ${list.name}.xlsx`);
    } });
  route(app, { method: 'get', path: '/api/price-lists/:id', tag, summary: '价格表明细 / price list', guard: { permission: P['supplier.supplier.read'] }, params: IdParams,
    handler: (ctx, { params }) => svc.getPriceList(ctx, params.id) });
  route(app, { method: 'post', path: '/api/price-lists', tag, summary: '录入价格表 / enter a price list', guard: { permission: P['supplier.price_list.write'] }, body: PriceListInput, status: 201,
    handler: (ctx, { body }) => svc.savePriceList(ctx, body, 'manual') });
  route(app, { method: 'get', path: '/api/prices', tag, summary: '某日食材价格 / prices on a date', guard: { permission: P['supplier.supplier.read'] }, query: PriceQuery,
    handler: async (ctx, { query }) => {
      ctx.access.requireCanteen(P['supplier.supplier.read'], query.canteenId);
      return [...(await svc.pricesFor(ctx, query.canteenId, await svc.priceableIngredients(ctx, query.canteenId), query.date)).values()];
    } });
}
