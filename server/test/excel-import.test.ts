import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningLibrary } from './canteen-fixture.ts';
import { testApp, type Client } from './harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client, chef: Client;
let lib: Awaited<ReturnType<typeof planningLibrary>>;

beforeAll(async () => {
  t = await testApp(() => new Date('2026-11-25T02:00:00Z'));
  admin = await t.as('admin');
  chef = await t.as('chef1');
  lib = await planningLibrary(admin);
});
afterAll(() => t.close());

function upload(bytes: Buffer | string, name: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}

async function workbook(sheets: Record<string, unknown[][]>) {
  const wb = new ExcelJS.Workbook();
  for (const [name, data] of Object.entries(sheets)) wb.addWorksheet(name).addRows(data);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('Excel import and export', () => {
  const header = ['编码', '名称', '类别', '采购单位', '每单位克数', '保质期天数', '能量千卡每百克', '蛋白质克'];

  it('rejects a file with bad rows row by row and imports nothing', async () => {
    const file = await workbook({ 食材: [header, ['carrot', '胡萝卜', '蔬菜', '斤', 500, 14, 41, 0.9], ['bad code!', '坏', '蔬菜', '斤', 500, 3, 10, 1], ['leek', '韭菜', '外星菜', '斤', 500, 3, 30, 2.7], ['onion', '洋葱', '蔬菜', '斤', 400, 30, 40, 1.1]] });
    const r = await admin.post('/api/ingredients/import', upload(file, '食材.xlsx'));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('import_rejected');
    expect(r.body.message).toBe('文件有 3 行错误，未导入任何数据');
    const rowsWithErrors = r.body.details.errors.map((e: { row: number; column?: string }) => [e.row, e.column]);
    expect(rowsWithErrors).toEqual(expect.arrayContaining([[3, '编码'], [4, '类别'], [5, '每单位克数']]));
    const codes = (await admin.get('/api/ingredients')).body.map((i: { code: string }) => i.code);
    expect(codes).not.toContain('carrot');
  });

  it('imports the good rows when the user chooses to skip the bad ones', async () => {
    const csv = '\ufeff编码,名称,类别,采购单位,每单位克数,保质期天数,能量千卡每百克,蛋白质克\ncarrot,胡萝卜,蔬菜,斤,500,14,41,0.9\nleek,韭菜,外星菜,斤,500,3,30,2.7\n';
    const r = await admin.post('/api/ingredients/import', upload(csv, 'ingredients.csv', { skipBadRows: 'true' }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ imported: 1, created: 1, skipped: [{ row: 3 }] });
    const carrot = (await admin.get('/api/ingredients?search=carrot')).body[0];
    expect(carrot).toMatchObject({ name: '胡萝卜', category: 'vegetable', purchaseUnit: 'jin', gramsPerUnit: 500, energyKcal: 41 });
  });

  it('exports ingredients to a workbook that reads back with its figures', async () => {
    const r = await admin.get('/api/ingredients/export.xlsx');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as string[]).slice(1);
    const row = ws.getRows(2, ws.rowCount - 1)!.find((x) => x.getCell(1).value === 'pork-belly')!;
    expect(row.getCell(headers.indexOf('名称 Name') + 1).value).toBe('五花肉');
    expect(row.getCell(headers.indexOf('能量千卡每百克 Energy kcal per 100g') + 1).value).toBe(518);
    // and the same file imports back without errors
    const again = await admin.post('/api/ingredients/import', upload(r.body, 'export.xlsx'));
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(0);
  });

  it('imports dishes with their recipes, checking ingredient codes, and exports them back', async () => {
    const bad = await workbook({
      菜品: [['编码', '名称', '类别', '季节', '价格元', '每份克数'], ['fqcd', '番茄炒蛋', '半荤', '全年', '6.50', 200], ['xx', '无菜谱', '素菜', '', 3, 150]],
      标准菜谱: [['菜品编码', '食材编码', '净料克数', '出成率'], ['fqcd', 'tomato', 150, 85], ['fqcd', 'egg', 60, 88], ['fqcd', 'unicorn', 5, 100]],
    });
    const rejected = await chef.post('/api/dishes/import', upload(bad, 'dishes.xlsx'));
    expect(rejected.status).toBe(400);
    expect(rejected.body.details.errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ sheet: '标准菜谱 Recipes', row: 4 }), expect.objectContaining({ sheet: '菜品 Dishes', row: 3 }),
    ]));
    expect((await chef.get('/api/dishes')).body).toEqual([]);
    const good = await workbook({
      菜品: [['编码', '名称', '类别', '季节', '价格元', '每份克数'], ['fqcd', '番茄炒蛋', '半荤', '夏|秋', '6.50', 200]],
      标准菜谱: [['菜品编码', '食材编码', '净料克数', '出成率'], ['fqcd', 'tomato', 150, 85], ['fqcd', 'egg', 60, 88]],
    });
    const ok = await chef.post('/api/dishes/import', upload(good, 'dishes.xlsx'));
    expect(ok.status).toBe(200);
    const [d] = (await chef.get(`/api/dishes?canteenId=${t.fx.orgs.k1}`)).body;
    expect(d).toMatchObject({ code: 'fqcd', kind: 'mixed', seasons: ['summer', 'autumn'], priceFen: 650 });
    expect(d.nutrition.proteinG).toBe(8.9);
    const exp = await chef.get('/api/dishes/export.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['菜品 Dishes', '标准菜谱 Recipes']);
    expect(wb.worksheets[0]!.getRow(2).getCell(6).value).toBe(6.5);
    expect(wb.worksheets[1]!.rowCount).toBe(3);
  });

  it('imports a supplier price list through the file price feed', async () => {
    const csv = '食材编码,单价元\npork-belly,15.20\negg,88\nnope,1\n';
    const rejected = await admin.post('/api/price-lists/import', upload(csv, 'prices.csv', { supplierId: String(lib.supplier), name: '十二月', validFrom: '2026-12-01' }));
    expect(rejected.status).toBe(400);
    expect(rejected.body.details.errors[0]).toMatchObject({ row: 4 });
    const ok = await admin.post('/api/price-lists/import', upload(csv, 'prices.csv', { supplierId: String(lib.supplier), name: '十二月', validFrom: '2026-12-01', skipBadRows: 'true' }));
    expect(ok.status).toBe(201);
    expect(ok.body.imported).toBe(2);
    const prices = (await admin.get(`/api/prices?canteenId=${t.fx.orgs.k1}&date=2026-12-02`)).body;
    expect(prices.find((p: { ingredientId: number }) => p.ingredientId === lib.pork).priceFen).toBe(1520);
    const exported = await admin.get(`/api/price-lists/${ok.body.id}/export.xlsx`);
    expect(exported.status).toBe(200);
    const again = await admin.post('/api/price-lists/import', upload(exported.body, 'again.xlsx', { supplierId: String(lib.supplier), name: '十二月(复)', validFrom: '2026-12-15' }));
    expect(again.status).toBe(201);
    expect(again.body.imported).toBe(2);
    // the November list still prices November
    const nov = (await admin.get(`/api/prices?canteenId=${t.fx.orgs.k1}&date=2026-11-30`)).body;
    expect(nov.find((p: { ingredientId: number }) => p.ingredientId === lib.pork).priceFen).toBe(1400);
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const r = await admin.post('/api/ingredients/import', upload(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 3]), 'x.xlsx'));
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('bad_file');
  });
});
