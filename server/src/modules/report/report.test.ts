import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../core/db.ts';
import { planningLibrary } from '../../../test/canteen-fixture.ts';
import { Client, testApp } from '../../../test/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client, head1: Client, store1: Client, store2: Client;
let lib: Awaited<ReturnType<typeof planningLibrary>>;
let n = 0;
const key = () => `report-test-${++n}`;
const ok = <T = any>(r: { status: number; body: T }, status = 201): T => {
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const line = (ingredientId: number, g: number) => ({ ingredientId, deliveredG: g, acceptedG: g, decision: 'accepted', grade: 'good', weighedBy: 'manual' });
const range = 'from=2026-11-21&to=2026-11-25';

beforeAll(async () => {
  t = await testApp(() => new Date('2026-11-25T02:00:00Z'));
  [admin, head1, store1, store2] = await Promise.all(['admin', 'head1', 'store1', 'store2'].map((u) => t.as(u)));
  lib = await planningLibrary(admin);
  const k1 = t.fx.orgs.k1;
  const receive = (businessDate: string, lines: object[]) => store1.post('/api/stock/receipts', { canteenId: k1, requestKey: key(), supplierId: lib.supplier, businessDate, lines });
  ok(await receive('2026-11-20', [line(lib.pork, 10000), line(lib.tomato, 5000)]));
  ok(await receive('2026-11-22', [line(lib.pork, 3333)]));
  const issue = (businessDate: string, meal: string, lines: object[]) => store1.post('/api/stock/issues', { canteenId: k1, requestKey: key(), businessDate, meal, lines });
  ok(await issue('2026-11-21', 'lunch', [{ ingredientId: lib.pork, qtyG: 4000 }]));
  ok(await issue('2026-11-23', 'dinner', [{ ingredientId: lib.pork, qtyG: 7000 }]));
  ok(await issue('2026-11-23', 'breakfast', [{ ingredientId: lib.tomato, qtyG: 1234 }]));
  const tomatoBatch = ok(await store1.get(`/api/stock/batches?canteenId=${k1}&ingredientId=${lib.tomato}`), 200)[0].id;
  ok(await store1.post('/api/stock/write-offs', { canteenId: k1, requestKey: key(), reason: '腐烂', lines: [{ batchId: tomatoBatch, qtyG: 100 }] }));
  const porkBatches = ok(await store1.get(`/api/stock/batches?canteenId=${k1}&ingredientId=${lib.pork}`), 200);
  ok(await store1.post('/api/stock/returns', { canteenId: k1, requestKey: key(), reason: '不新鲜', lines: [{ batchId: porkBatches.at(-1).id, qtyG: 100 }] }));
  ok(await store1.post('/api/stock/transfers', { canteenId: k1, toCanteenId: t.fx.orgs.k2, requestKey: key(), reason: '支援', lines: [{ ingredientId: lib.pork, qtyG: 500 }] }));
  const form = new FormData();
  form.set('canteenId', String(k1));
  form.set('file', new File(['日期,餐次,菜品编码,份数,金额元\n2026-11-21,午餐,,420,"1,890.50"\n2026-11-23,晚餐,,300,1200\n2026-11-23,早餐,,150,300.25\n'], 'sales.csv', { type: 'text/csv' }));
  ok(await head1.req('POST', '/api/sales/import', form));
});
afterAll(() => t.close());

/** Sums straight from the append-only moves, for comparison with the reports (which read the daily sums). */
async function moveSums(where: ReturnType<typeof sql>) {
  const [r] = await rows<{ g: string; v: string }>(t.platform.database.db, sql`select coalesce(sum(qty_g), 0)::bigint as g, coalesce(sum(value_fen), 0)::bigint as v from stock_move where org_id = ${t.fx.orgs.k1} and ${where}`);
  return { g: Number(r!.g), v: Number(r!.v) };
}

describe('the five reports', () => {
  it('收发存汇总表 reconciles to the stock moves to the gram and the fen', async () => {
    const r = ok(await head1.get(`/api/reports/stock-balance?canteenId=${t.fx.orgs.k1}&${range}`), 200);
    const tot = r.totalsRow;
    const opening = await moveSums(sql`business_date < '2026-11-21'`);
    const inn = await moveSums(sql`business_date between '2026-11-21' and '2026-11-25' and kind in ('receipt', 'transfer_in', 'count_gain')`);
    const out = await moveSums(sql`business_date between '2026-11-21' and '2026-11-25' and kind in ('issue', 'return', 'transfer_out', 'write_off', 'count_loss')`);
    expect([tot.openingG, tot.openingFen]).toEqual([opening.g, opening.v]);
    expect([tot.openingG, tot.openingFen]).toEqual([15000, 31000]);
    expect([tot.inG, tot.inFen]).toEqual([inn.g, inn.v]);
    expect([tot.outG, tot.outFen]).toEqual([-out.g, -out.v]);
    const [batches] = await rows<{ g: string; v: string }>(t.platform.database.db, sql`select sum(qty_g)::bigint as g, sum(value_fen)::bigint as v from stock_batch where org_id = ${t.fx.orgs.k1}`);
    expect([tot.closingG, tot.closingFen]).toEqual([Number(batches!.g), Number(batches!.v)]);
    const pork = r.rows.find((x: any) => x.name === '五花肉');
    expect(pork.closingG).toBe(10000 + 3333 - 4000 - 7000 - 100 - 500);
    expect(r.title.zh).toBe('收发存汇总表');
  });

  it('出入库材料汇总表 splits the movements by kind', async () => {
    const r = ok(await head1.get(`/api/reports/stock-movements?canteenId=${t.fx.orgs.k1}&${range}`), 200);
    const tot = r.totalsRow;
    expect(tot.issue).toBe(-(await moveSums(sql`business_date between '2026-11-21' and '2026-11-25' and kind = 'issue'`)).v);
    expect(tot.write_off).toBe(-(await moveSums(sql`kind = 'write_off'`)).v);
    expect(tot.receipt + tot.transfer_in + tot.count_gain).toBe(tot.inFen);
    expect(tot.issue + tot.return + tot.transfer_out + tot.write_off + tot.count_loss).toBe(tot.outFen);
  });

  it('材料采购汇总表 gives net purchases per supplier equal to receipts less returns', async () => {
    const r = ok(await head1.get(`/api/reports/purchase-summary?canteenId=${t.fx.orgs.k1}&from=2026-11-20&to=2026-11-25`), 200);
    const receipts = await moveSums(sql`kind = 'receipt'`);
    const returns = await moveSums(sql`kind = 'return'`);
    expect(r.totalsRow.receivedFen).toBe(receipts.v);
    expect(r.totalsRow.netFen).toBe(receipts.v + returns.v);
    expect(r.rows.every((x: any) => x.supplier === '台州农贸配送')).toBe(true);
    // pork: (10,000 + 3,333 g) bought for 28,000 + 9,332 fen, less a 100 g return
    const pork = r.rows.find((x: any) => x.name === '五花肉');
    expect(pork).toMatchObject({ receipts: 2, receivedG: 13333, receivedFen: 37332, returnedG: 100 });
  });

  it('每日亏损表 sets imported revenue against the cost of the day\'s issues', async () => {
    const r = ok(await head1.get(`/api/reports/daily-profit-loss?canteenId=${t.fx.orgs.k1}&${range}`), 200);
    const d21 = r.rows.find((x: any) => x.date === '2026-11-21');
    const cost21 = -(await moveSums(sql`business_date = '2026-11-21' and kind = 'issue'`)).v;
    expect(d21).toMatchObject({ lunch: 189050, revenueFen: 189050, costFen: cost21, profitFen: 189050 - cost21 });
    const d23 = r.rows.find((x: any) => x.date === '2026-11-23');
    expect(d23.revenueFen).toBe(150025);
    expect(r.totalsRow.costFen).toBe(-(await moveSums(sql`business_date between '2026-11-21' and '2026-11-25' and kind = 'issue'`)).v);
    const meat = ok(await head1.get(`/api/reports/daily-profit-loss?canteenId=${t.fx.orgs.k1}&${range}&category=vegetable`), 200);
    expect(meat.totalsRow.costFen).toBe(-(await moveSums(sql`kind = 'issue' and ingredient_id = ${lib.tomato}`)).v);
  });

  it('收入支出表 balances income against purchases', async () => {
    const r = ok(await head1.get(`/api/reports/income-expenditure?canteenId=${t.fx.orgs.k1}&from=2026-11-20&to=2026-11-25`), 200);
    const total = (label: string) => r.rows.find((x: any) => String(x.item).startsWith(label)).amountFen;
    const receipts = await moveSums(sql`kind in ('receipt', 'return')`);
    expect(total('收入合计')).toBe(189050 + 120000 + 30025);
    expect(total('支出合计')).toBe(receipts.v);
    expect(total('收入 − 支出')).toBe(189050 + 120000 + 30025 - receipts.v);
  });

  it('exports Excel that reads back with the same figures', async () => {
    const json = ok(await head1.get(`/api/reports/stock-balance?canteenId=${t.fx.orgs.k1}&${range}`), 200);
    const res = await head1.get(`/api/reports/stock-balance?canteenId=${t.fx.orgs.k1}&${range}&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0]!;
    const cells: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain('收发存汇总表');
    expect(cells).toContain('五花肉');
    expect(cells).toContain(json.totalsRow.closingFen / 100);
    expect(cells).toContain(json.totalsRow.outG / 1000);
  });

  it('exports a PDF whose text holds the Chinese headings and figures', async () => {
    const res = await head1.get(`/api/reports/daily-profit-loss?canteenId=${t.fx.orgs.k1}&${range}&format=pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'report-')), 'r.pdf');
    fs.writeFileSync(file, res.body);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const word of ['每日亏损表', '午餐收入', '食材成本', '盈亏', '合计', '1,890.50']) expect(text).toContain(word);
  });

  it('speaks the reader\'s language', async () => {
    const en = await new Client(t.app, 'en').login('head1');
    const r = ok(await en.get(`/api/reports/income-expenditure?canteenId=${t.fx.orgs.k1}&from=2026-11-20&to=2026-11-25&category=meat`), 200);
    expect(r.subtitle).toContain('2026-11-20 to 2026-11-25  Meat');
    expect(r.rows.map((x: any) => x.item)).toContain('Ingredients — Meat');
    expect(r.footnote).toBe('Expenditure = goods received less returns.');
  });

  it('lists the five reports', async () => {
    const list = ok(await head1.get('/api/reports'), 200);
    expect(list.map((r: any) => r.zh)).toEqual(['材料采购汇总表', '收发存汇总表', '出入库材料汇总表', '每日亏损表', '收入支出表']);
  });

  it('keeps reports inside the caller\'s canteens and refuses bad queries', async () => {
    expect((await store2.get(`/api/reports/stock-balance?canteenId=${t.fx.orgs.k1}&${range}`)).status).toBe(403);
    const own = ok(await store2.get(`/api/reports/stock-balance?${range}`), 200);
    expect(own.subtitle).not.toContain('K1');
    expect(own.rows.map((r: any) => r.name)).toEqual(['五花肉']);
    expect(own.totalsRow.inG).toBe(500);
    expect((await store2.get(`/api/reports/daily-profit-loss?${range}`)).status).toBe(403);
    const bad = await head1.get(`/api/reports/stock-balance?canteenId=${t.fx.orgs.k1}&from=2026-11-25&to=2026-11-01`);
    expect(bad.status).toBe(400);
    expect((await head1.get(`/api/reports/no-such?${range}`)).status).toBe(400);
  });

  it('imports sales row by row: a file with a bad row imports nothing', async () => {
    const form = new FormData();
    form.set('canteenId', String(t.fx.orgs.k1));
    form.set('file', new File(['日期,餐次,份数,金额元\n2026-11-24,午餐,10,50\n2026-11-24,下午茶,5,abc\n'], 'bad.csv', { type: 'text/csv' }));
    const r = await head1.req('POST', '/api/sales/import', form);
    expect(r.status).toBe(400);
    expect(r.body.details.errors.map((e: any) => e.row)).toEqual([3, 3]);
    expect(ok(await head1.get(`/api/sales?canteenId=${t.fx.orgs.k1}&from=2026-11-24&to=2026-11-24`), 200)).toEqual([]);
  });

  it('costs each meal from its issues', async () => {
    const meals = ok(await head1.get(`/api/costing/meals?canteenId=${t.fx.orgs.k1}&${range}`), 200);
    const dinner = meals.find((m: any) => m.date === '2026-11-23' && m.meal === 'dinner');
    expect(dinner.costFen).toBe(-(await moveSums(sql`business_date = '2026-11-23' and kind = 'issue' and ingredient_id = ${lib.pork}`)).v);
    expect(dinner).toMatchObject({ revenueFen: 120000, soldPortions: 300, marginFen: 120000 - dinner.costFen });
  });
});
