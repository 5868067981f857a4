import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../core/db.ts';
import { dish, planningLibrary } from '../../../test/canteen-fixture.ts';
import { testApp, type Client } from '../../../test/harness.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let admin: Client, chef1: Client, head1: Client, store1: Client, store2: Client;
let lib: Awaited<ReturnType<typeof planningLibrary>>;
let s2: number;
let orders: { id: number; supplierId: number; lines: { id: number; ingredientId: number; qty: number }[] }[];
let key = 0;
const nextKey = () => `test-key-${++key}-${Date.now()}`;

const ok = <T = any>(r: { status: number; body: T }, status = 201): T => {
  if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const stockOf = async (c: Client, canteenId: number, ingredientId: number) =>
  ((await c.get(`/api/stock?canteenId=${canteenId}`)).body as { ingredientId: number; qtyG: number; valueFen: number }[]).find((r) => r.ingredientId === ingredientId) ?? { qtyG: 0, valueFen: 0 };

beforeAll(async () => {
  t = await testApp(() => new Date('2026-11-25T02:00:00Z'));
  [admin, chef1, head1, store1, store2] = await Promise.all(['admin', 'chef1', 'head1', 'store1', 'store2'].map((u) => t.as(u)));
  lib = await planningLibrary(admin);
  s2 = ok(await admin.post('/api/suppliers', { code: 'S2', name: '椒江蔬菜合作社' })).id;
  ok(await admin.post('/api/price-lists', { supplierId: s2, name: '蔬菜十一月', validFrom: '2026-11-01', prices: [{ ingredientId: lib.tomato, priceFen: 500 }] }));
  const braised = (await dish(chef1, { code: 'hsr', name: '红烧肉', kind: 'meat', priceFen: 1200, portionG: 150, recipe: [{ ingredientId: lib.pork, netG: 120, yieldPct: 90 }] })).id;
  const tomatoEgg = (await dish(chef1, { code: 'fqcd', name: '番茄炒蛋', kind: 'mixed', priceFen: 600, portionG: 200,
    recipe: [{ ingredientId: lib.tomato, netG: 150, yieldPct: 85 }, { ingredientId: lib.egg, netG: 60, yieldPct: 88 }] })).id;
  const plan = ok(await chef1.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date: '2026-11-26', meal: 'lunch',
    items: [{ dishId: braised, portions: 300 }, { dishId: tomatoEgg, portions: 200 }] }), 200);
  ok(await chef1.post(`/api/menu-plans/${plan.id}/publish`), 200);
  const req = ok(await chef1.post('/api/requisitions/generate', { canteenId: t.fx.orgs.k1, from: '2026-11-26', to: '2026-11-26' }));
  ok(await chef1.post(`/api/requisitions/${req.id}/submit`), 200);
  ok(await head1.post(`/api/requisitions/${req.id}/approve`, { comment: '同意' }), 200);
  orders = ok(await store1.post('/api/purchase-orders/from-requisition', { requisitionId: req.id }));
});
afterAll(() => t.close());

const orderOf = (supplierId: number) => orders.find((o) => o.supplierId === supplierId)!;

describe('purchase orders', () => {
  it('splits an approved requisition by supplier, each ingredient from its cheapest supplier', () => {
    expect(orders).toHaveLength(2);
    expect(orderOf(lib.supplier).lines.map((l) => l.ingredientId).sort()).toEqual([lib.pork, lib.egg].sort());
    expect(orderOf(s2).lines.map((l) => l.ingredientId)).toEqual([lib.tomato]);
    expect(orderOf(s2)).toMatchObject({ status: 'open', deliveryDate: '2026-11-26', totalFen: 36 * 500 });
  });

  it('orders a requisition once', async () => {
    const again = await store1.post('/api/purchase-orders/from-requisition', { requisitionId: (orders[0] as any).requisitionId });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('requisition_ordered');
  });

  it('sends an order through a channel and records it', async () => {
    const sent = ok(await store1.post(`/api/purchase-orders/${orderOf(lib.supplier).id}/send`, { channel: 'print' }), 200);
    expect(sent).toMatchObject({ status: 'sent', sentVia: 'print' });
    expect((await store1.post(`/api/purchase-orders/${orderOf(lib.supplier).id}/send`, { channel: 'fax' })).status).toBe(400);
  });

  it('is invisible to another canteen', async () => {
    expect((await store2.get(`/api/purchase-orders/${orderOf(lib.supplier).id}`)).status).toBe(404);
    expect((await store2.get('/api/purchase-orders')).body).toEqual([]);
  });
});

describe('goods receipt', () => {
  let receiptId: number;

  it('accepts, partly accepts and values lines at the order price; the order becomes partly received', async () => {
    const r = ok(await store1.post('/api/stock/receipts', {
      canteenId: t.fx.orgs.k1, requestKey: 'receipt-s1-first', purchaseOrderId: orderOf(lib.supplier).id,
      lines: [
        { ingredientId: lib.pork, deliveredG: 40100, acceptedG: 40100, decision: 'accepted', grade: 'good', weighedBy: 'scale', deviceCode: 'SCALE-K1-01' },
        { ingredientId: lib.egg, deliveredG: 20000, acceptedG: 15000, decision: 'partial', grade: 'fair', reason: '一箱破损', weighedBy: 'manual' },
      ],
    }));
    receiptId = r.id;
    expect(r.no).toMatch(/^YS-K1-20261125-01$/);
    // pork 40,100 g at 1,400 fen / 500 g = 112,280 fen; eggs 15,000 g at 9,000 fen / 10 kg = 13,500 fen
    expect(r.lines.map((l: any) => [l.ingredientId, l.amountFen, l.bestBefore])).toEqual([[lib.pork, 112280, '2026-11-28'], [lib.egg, 13500, '2026-12-25']]);
    expect(r.totalFen).toBe(125780);
    const order = ok(await store1.get(`/api/purchase-orders/${orderOf(lib.supplier).id}`), 200);
    expect(order.status).toBe('partial');
    expect(order.lines.find((l: any) => l.ingredientId === lib.egg)).toMatchObject({ receivedG: 15000, openG: 5000 });
    expect(await stockOf(store1, t.fx.orgs.k1, lib.pork)).toMatchObject({ qtyG: 40100, valueFen: 112280 });
  });

  it('posts a receipt once however often it is sent with the same request key, also concurrently', async () => {
    const body = { canteenId: t.fx.orgs.k1, requestKey: 'receipt-s1-first', purchaseOrderId: orderOf(lib.supplier).id,
      lines: [{ ingredientId: lib.pork, deliveredG: 40100, acceptedG: 40100, decision: 'accepted', grade: 'good', weighedBy: 'manual' }] };
    const again = ok(await store1.post('/api/stock/receipts', body));
    expect(again).toMatchObject({ id: receiptId, replayed: true });
    const key = nextKey();
    const burst = await Promise.all(Array.from({ length: 4 }, () => store1.post('/api/stock/receipts', {
      canteenId: t.fx.orgs.k1, requestKey: key, supplierId: lib.supplier,
      lines: [{ ingredientId: lib.pork, deliveredG: 1000, acceptedG: 1000, decision: 'accepted', grade: 'good', weighedBy: 'manual', bestBefore: '2026-11-26' }] })));
    expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
    expect(burst.filter((r) => !r.body.replayed)).toHaveLength(1);
    expect(await stockOf(store1, t.fx.orgs.k1, lib.pork)).toMatchObject({ qtyG: 41100, valueFen: 112280 + 2800 });
  });

  it('refuses lines whose decision and weights disagree, and changes nothing', async () => {
    const before = await stockOf(store1, t.fx.orgs.k1, lib.tomato);
    const bad = await store1.post('/api/stock/receipts', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), purchaseOrderId: orderOf(s2).id,
      lines: [{ ingredientId: lib.tomato, deliveredG: 1000, acceptedG: 500, decision: 'accepted', grade: 'good', weighedBy: 'manual' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('验收量');
    const rejectedWithoutReason = await store1.post('/api/stock/receipts', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), purchaseOrderId: orderOf(s2).id,
      lines: [{ ingredientId: lib.tomato, deliveredG: 1000, acceptedG: 0, decision: 'rejected', grade: 'poor', weighedBy: 'manual' }] });
    expect(rejectedWithoutReason.status).toBe(400);
    const tooOld = await store1.post('/api/stock/receipts', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), supplierId: lib.supplier, businessDate: '2026-10-01',
      lines: [{ ingredientId: lib.tomato, deliveredG: 1000, acceptedG: 1000, decision: 'accepted', grade: 'good', weighedBy: 'manual', unitPriceFen: 600 }] });
    expect(tooOld.status).toBe(400);
    expect(tooOld.body.code).toBe('date_too_old');
    const notOnOrder = await store1.post('/api/stock/receipts', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), purchaseOrderId: orderOf(s2).id,
      lines: [{ ingredientId: lib.pork, deliveredG: 1000, acceptedG: 1000, decision: 'accepted', grade: 'good', weighedBy: 'manual' }] });
    expect(notOnOrder.status).toBe(422);
    const noPrice = await store1.post('/api/stock/receipts', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), supplierId: s2,
      lines: [{ ingredientId: lib.egg, deliveredG: 1000, acceptedG: 1000, decision: 'accepted', grade: 'good', weighedBy: 'manual' }] });
    expect(noPrice.status).toBe(422);
    expect(noPrice.body.code).toBe('price_missing');
    const allRejected = ok(await store1.post('/api/stock/receipts', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), supplierId: s2,
      lines: [{ ingredientId: lib.egg, deliveredG: 1000, acceptedG: 0, decision: 'rejected', grade: 'poor', reason: '蛋壳破损', weighedBy: 'manual' }] }));
    expect(allRejected).toMatchObject({ totalFen: 0, moves: [] });
    expect(await stockOf(store1, t.fx.orgs.k1, lib.tomato)).toEqual(before);
  });

  it('flags a receipt missing the documents its categories require, until they are attached', async () => {
    ok(await head1.put('/api/stock/required-documents', { orgId: t.fx.orgs.k1, rules: [{ category: 'meat', kinds: ['quarantine', 'invoice'] }] }), 200);
    const r = ok(await store1.post('/api/stock/receipts', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), supplierId: lib.supplier, unitPriceFen: 1400,
      lines: [{ ingredientId: lib.pork, deliveredG: 2000, acceptedG: 2000, decision: 'accepted', grade: 'good', weighedBy: 'manual', unitPriceFen: 1500 }] }));
    expect(r.missingDocuments).toEqual(['invoice', 'quarantine']);
    expect(r.totalFen).toBe(6000);
    const flagged = ok(await store1.get(`/api/stock/docs?canteenId=${t.fx.orgs.k1}&missingDocuments=1`), 200);
    expect(flagged.map((d: any) => d.id)).toEqual([r.id]);
    const upload = (kind: string, type: string) => {
      const form = new FormData();
      form.set('kind', kind);
      form.set('file', new File([Buffer.from('%PDF-1.4 test')], '票据.pdf', { type }));
      return store1.req('POST', `/api/stock/receipts/${r.id}/attachments`, form);
    };
    expect((await upload('invoice', 'text/plain')).status).toBe(400);
    expect(ok(await upload('invoice', 'application/pdf')).missingDocuments).toEqual(['quarantine']);
    const done = ok(await upload('quarantine', 'application/pdf'));
    expect(done.missingDocuments).toEqual([]);
    expect(done.attachments.map((a: any) => a.kind)).toEqual(['invoice', 'quarantine']);
    const file = await store1.get(`/api/stock/docs/${r.id}/attachments/${done.attachments[0].id}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(file.body).toString()).toBe('%PDF-1.4 test');
    expect((await store2.get(`/api/stock/docs/${r.id}/attachments/${done.attachments[0].id}`)).status).toBe(404);
  });
});

describe('issues, transfers, returns and write-offs', () => {
  it('issues first-expiring-first: the batch that goes off on the 26th before the one of the 28th', async () => {
    const r = ok(await store1.post('/api/stock/issues', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), meal: 'lunch', lines: [{ ingredientId: lib.pork, qtyG: 1500 }] }));
    expect(r.moves.map((m: any) => [m.bestBefore, m.qtyG])).toEqual([['2026-11-26', -1000], ['2026-11-28', -500]]);
    // 1,000 g at 2.8 fen/g, then 500 g of the 40,100 g batch worth 112,280 fen
    expect(r.moves.map((m: any) => m.valueFen)).toEqual([-2800, -1400]);
    expect(r.totalFen).toBe(4200);
  });

  it('never issues an expired batch: it waits in stock for a write-off', async () => {
    const r = ok(await store1.post('/api/stock/receipts', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), supplierId: lib.supplier, businessDate: '2026-11-20',
      lines: [{ ingredientId: lib.egg, deliveredG: 500, acceptedG: 500, decision: 'accepted', grade: 'good', weighedBy: 'manual', unitPriceFen: 9000, bestBefore: '2026-11-22' }] }));
    const usable = (await stockOf(store1, t.fx.orgs.k1, lib.egg)).qtyG - 500;
    const tooMuch = await store1.post('/api/stock/issues', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), lines: [{ ingredientId: lib.egg, qtyG: usable + 1 }] });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.message).toContain('可用库存');
    const wo = ok(await store1.post('/api/stock/write-offs', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), reason: '过期', lines: [{ batchId: r.lines[0].batchId, qtyG: 500 }] }));
    expect(wo.totalFen).toBe(450);
  });

  it('proposes the issue for a meal from the published plan, less what was issued', async () => {
    const p = ok(await store1.get(`/api/stock/issue-proposal?canteenId=${t.fx.orgs.k1}&date=2026-11-26&meal=lunch`), 200);
    const pork = p.find((l: any) => l.ingredientId === lib.pork);
    expect(pork).toMatchObject({ needG: 40000, issuedG: 0 });
    expect(pork.proposedG).toBe(Math.min(40000, pork.onHandG));
    expect(p.find((l: any) => l.ingredientId === lib.tomato)).toMatchObject({ needG: 35295, onHandG: 0, proposedG: 0 });
  });

  it('never lets stock go negative: of 20 concurrent issues of 1 kg from 10 kg, 10 succeed', async () => {
    ok(await store1.post('/api/stock/receipts', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), purchaseOrderId: orderOf(s2).id,
      lines: [{ ingredientId: lib.tomato, deliveredG: 10000, acceptedG: 10000, decision: 'accepted', grade: 'good', weighedBy: 'manual' }] }));
    const results = await Promise.all(Array.from({ length: 20 }, () =>
      store1.post('/api/stock/issues', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), lines: [{ ingredientId: lib.tomato, qtyG: 1000 }] })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 409 && r.body.code === 'stock_insufficient')).toBe(true);
    expect(refused[0]!.body.message).toContain('番茄');
    expect(await stockOf(store1, t.fx.orgs.k1, lib.tomato)).toMatchObject({ qtyG: 0, valueFen: 0 });
  });

  it('keeps one canteen\'s storekeeper out of another\'s stock', async () => {
    expect((await store2.get(`/api/stock?canteenId=${t.fx.orgs.k1}`)).status).toBe(403);
    expect((await store2.post('/api/stock/issues', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), lines: [{ ingredientId: lib.pork, qtyG: 1 }] })).status).toBe(403);
    const k1Batch = ok(await store1.get(`/api/stock/batches?canteenId=${t.fx.orgs.k1}&ingredientId=${lib.pork}`), 200)[0].id;
    const r = await store2.post('/api/stock/write-offs', { canteenId: t.fx.orgs.k2, requestKey: nextKey(), reason: '变质', lines: [{ batchId: k1Batch, qtyG: 1 }] });
    expect(r.status).toBe(404);
    expect((await chef1.post('/api/stock/issues', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), lines: [{ ingredientId: lib.pork, qtyG: 1 }] })).status).toBe(403);
  });

  it('transfers to another canteen keeping best-before and value to the fen', async () => {
    expect(ok(await store1.get(`/api/stock/transfer-targets?canteenId=${t.fx.orgs.k1}`), 200).map((c: any) => c.id)).toEqual([t.fx.orgs.k2]);
    const before = await stockOf(store1, t.fx.orgs.k1, lib.pork);
    const r = ok(await store1.post('/api/stock/transfers', { canteenId: t.fx.orgs.k1, toCanteenId: t.fx.orgs.k2, requestKey: nextKey(), reason: '枫南临时缺货',
      lines: [{ ingredientId: lib.pork, qtyG: 5000 }] }));
    const after = await stockOf(store1, t.fx.orgs.k1, lib.pork);
    const k2 = await stockOf(store2, t.fx.orgs.k2, lib.pork);
    expect(before.qtyG - after.qtyG).toBe(5000);
    expect(k2).toMatchObject({ qtyG: 5000, valueFen: before.valueFen - after.valueFen });
    expect(r.totalFen).toBe(k2.valueFen);
    const k2Batches = ok(await store2.get(`/api/stock/batches?canteenId=${t.fx.orgs.k2}`), 200);
    expect(k2Batches.map((b: any) => b.bestBefore)).toEqual(r.moves.map((m: any) => m.bestBefore));
  });

  it('returns a batch to its supplier and writes off another, each with a reason', async () => {
    const eggBatch = ok(await store1.get(`/api/stock/batches?canteenId=${t.fx.orgs.k1}&ingredientId=${lib.egg}`), 200)[0];
    const ret = ok(await store1.post('/api/stock/returns', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), reason: '蛋壳破裂', lines: [{ batchId: eggBatch.id, qtyG: 1000 }] }));
    expect(ret).toMatchObject({ kind: 'return', supplierId: lib.supplier, totalFen: 900 });
    expect((await store1.post('/api/stock/write-offs', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), reason: '', lines: [{ batchId: eggBatch.id, qtyG: 1 }] })).status).toBe(400);
    const tooMuch = await store1.post('/api/stock/write-offs', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), reason: '变质', lines: [{ batchId: eggBatch.id, qtyG: 14001 }] });
    expect(tooMuch.status).toBe(409);
    const wo = ok(await store1.post('/api/stock/write-offs', { canteenId: t.fx.orgs.k1, requestKey: nextKey(), reason: '变质', lines: [{ batchId: eggBatch.id, qtyG: 14000 }] }));
    expect(wo.totalFen).toBe(12600);
    expect(await stockOf(store1, t.fx.orgs.k1, lib.egg)).toMatchObject({ qtyG: 0, valueFen: 0 });
  });

  it('counts a store: variances posted as gains and losses after the canteen head approves', async () => {
    const before = await stockOf(store1, t.fx.orgs.k1, lib.pork);
    const sheet = ok(await store1.post('/api/stock/counts', { canteenId: t.fx.orgs.k1, store: 'frozen' }));
    expect(sheet.no).toMatch(/^PD-K1-20261125-01$/);
    expect(sheet.lines.every((l: any) => l.ingredientId === lib.pork)).toBe(true);
    expect(sheet.lines.reduce((s: number, l: any) => s + l.bookG, 0)).toBe(before.qtyG);
    expect((await store1.post('/api/stock/counts', { canteenId: t.fx.orgs.k1, store: 'frozen' })).status).toBe(409);
    const [first, ...rest] = sheet.lines;
    ok(await store1.put(`/api/stock/counts/${sheet.id}/lines`, { lines: [{ batchId: first.batchId, countedG: first.bookG - 100 }] }), 200);
    expect((await store1.post(`/api/stock/counts/${sheet.id}/submit`)).status).toBe(rest.length ? 422 : 200);
    if (rest.length) ok(await store1.put(`/api/stock/counts/${sheet.id}/lines`, { lines: rest.map((l: any) => ({ batchId: l.batchId, countedG: l.bookG })) }), 200);
    if (rest.length) ok(await store1.post(`/api/stock/counts/${sheet.id}/submit`), 200);
    expect((await store1.post(`/api/stock/counts/${sheet.id}/approve`, {})).status).toBe(403);
    const approved = ok(await head1.post(`/api/stock/counts/${sheet.id}/approve`, { comment: '属实' }), 200);
    expect(approved.status).toBe('approved');
    expect(approved.varianceFen).toBeLessThan(0);
    const after = await stockOf(store1, t.fx.orgs.k1, lib.pork);
    expect(after.qtyG).toBe(before.qtyG - 100);
    expect(after.valueFen).toBe(before.valueFen + approved.varianceFen);
    const doc = ok(await store1.get(`/api/stock/docs/${approved.docId}`), 200);
    expect(doc.moves.map((m: any) => [m.kind, m.qtyG])).toEqual([['count_loss', -100]]);
  });

  it('prints a purchase order as a PDF with its lines in Chinese', async () => {
    const res = await store1.get(`/api/purchase-orders/${orderOf(lib.supplier).id}/pdf`);
    expect(res.status).toBe(200);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'po-')), 'po.pdf');
    fs.writeFileSync(file, res.body);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const word of ['采购单', '五花肉', '鸡蛋', '台州农贸配送', 'CG-K1-20261125-01', '供应商确认']) expect(text).toContain(word);
    expect((await store2.get(`/api/purchase-orders/${orderOf(lib.supplier).id}/pdf`)).status).toBe(404);
  });

  it('reconciles: every batch equals the sum of its moves, and the daily sums equal the moves, to the gram and the fen', async () => {
    const db = t.platform.database.db;
    const batchDiff = await rows<{ n: number }>(db, sql`
      select count(*)::int as n from stock_batch b
      left join (select batch_id, sum(qty_g) q, sum(value_fen) v from stock_move group by batch_id) m on m.batch_id = b.id
      where b.qty_g <> coalesce(m.q, 0) or b.value_fen <> coalesce(m.v, 0)`);
    expect(batchDiff[0]!.n).toBe(0);
    const dailyDiff = await rows<{ n: number }>(db, sql`
      select count(*)::int as n from (
        select org_id, business_date as day, ingredient_id, kind, sum(qty_g) q, sum(value_fen) v, count(*)::int c from stock_move group by 1, 2, 3, 4
      ) m full join stock_daily d using (org_id, day, ingredient_id, kind)
      where m.q is distinct from d.qty_g or m.v is distinct from d.value_fen or m.c is distinct from d.moves`);
    expect(dailyDiff[0]!.n).toBe(0);
    const negative = await rows<{ n: number }>(db, sql`select count(*)::int as n from stock_batch where qty_g < 0 or value_fen < 0`);
    expect(negative[0]!.n).toBe(0);
    const moves = await rows<{ n: number }>(db, sql`select count(*)::int as n from stock_move`);
    expect(moves[0]!.n).toBeGreaterThan(10);
  });

  it('nets stock on hand out of the next requisition', async () => {
    const plan = ok(await chef1.put('/api/menu-plans', { canteenId: t.fx.orgs.k1, date: '2026-11-27', meal: 'lunch',
      items: [{ dishId: (await chef1.get('/api/dishes?search=hsr')).body[0].id, portions: 10 }] }), 200);
    ok(await chef1.post(`/api/menu-plans/${plan.id}/publish`), 200);
    const req = ok(await chef1.post('/api/requisitions/generate', { canteenId: t.fx.orgs.k1, from: '2026-11-27', to: '2026-11-27' }));
    const pork = req.lines.find((l: any) => l.ingredientId === lib.pork);
    expect(pork.onHandG).toBe((await stockOf(store1, t.fx.orgs.k1, lib.pork)).qtyG);
    expect(pork.qty).toBe(0);
  });
});
