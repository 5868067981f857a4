import type { Platform } from './core/context.ts';
import { inTransaction } from './core/context.ts';
import { ctxAs } from './core/context-factory.ts';
import { chinaDate } from './core/doc-number.ts';
import { Random } from './core/random.ts';
import { loadLedgerHistory, type HistoryEntry } from './modules/account/index.ts';
import { allocate, listStations, loadSalesHistory, type HistorySale } from './modules/checkout/index.ts';
import { saveSales, type SaleInput } from './modules/costing/index.ts';
import { dishesByIds } from './modules/dish/index.ts';
import { addDays } from './modules/menu/index.ts';
import type { EatenHistory } from './demo-history.ts';

type Meal = 'breakfast' | 'lunch' | 'dinner';
export interface DemoAccount { id: number; unitId: number; category: 'staff' | 'contractor' | 'visitor' }

/** When diners reach the station, China time: a peak a little after opening, as queues form. */
const PEAK: Record<Meal, { open: number; close: number; peak: number; sd: number }> = {
  breakfast: { open: 7 * 60, close: 8 * 60 + 45, peak: 7 * 60 + 50, sd: 15 },
  lunch: { open: 11 * 60 + 15, close: 12 * 60 + 50, peak: 11 * 60 + 50, sd: 12 },
  dinner: { open: 17 * 60, close: 18 * 60 + 40, peak: 17 * 60 + 35, sd: 15 },
};
/** The demo rules (demo-diners.ts): staff get this off a meal from their unit; visitors pay a flat fee. */
const STAFF_SUBSIDY: Partial<Record<Meal, number>> = { breakfast: 200, lunch: 500 };
const VISITOR_FLAT: Record<Meal, number> = { breakfast: 1000, lunch: 2500, dinner: 2000 };
const MONTHLY_SUBSIDY = 30000;

/**
 * The demo diners' money over the history, from what the canteens' history says was eaten: each
 * meal's portions are dealt onto that many trays, each tray paid at a station by a diner of the
 * canteen (about one in a hundred with a visitor card) at a time around the meal's peak, with the
 * day's subsidy, the monthly unit subsidy, and top-ups (online or cash at the counter) whenever a
 * wallet runs low. The whole history is simulated; the last `detailDays` are written sale by sale
 * (PGlite loads about 45,000 rows a second, and a year is some 13 million), with the balances of
 * the day before carried forward as an earlier system's would be. The costing module's sales are
 * these sales: 'checkout' where the sales are stored, 'demo' before.
 */
export async function seedDemoSales(
  platform: Platform, centreId: number, canteens: readonly { id: number; login: string }[], accounts: DemoAccount[], eaten: EatenHistory[],
  days: number, detailDays: number, log: (m: string) => void,
) {
  const rng = new Random(2026);
  const admin = await ctxAs(platform, 'admin');
  const today = chinaDate(platform.now());
  const start = addDays(today, -days);
  const weights = canteens.map((c) => eaten.find((e) => e.canteenId === c.id)?.diners.filter((d) => d.meal === 'lunch').reduce((s, d) => Math.max(s, d.n), 0) ?? 1);
  const totalWeight = weights.reduce((s, w) => s + w, 0) || 1;
  // Everyone eats in the canteen of their building, in proportion to its size.
  const pools = new Map(canteens.map((c) => [c.id, { diners: [] as DemoAccount[], visitors: [] as DemoAccount[] }]));
  let cursor = 0;
  for (const a of accounts.filter((x) => x.category !== 'visitor')) {
    const r = (cursor++ % 1000) / 1000;
    let acc = 0;
    const i = weights.findIndex((w) => (acc += w / totalWeight) > r);
    pools.get(canteens[i < 0 ? 0 : i]!.id)!.diners.push(a);
  }
  accounts.filter((x) => x.category === 'visitor').forEach((a, i) => pools.get(canteens[i % canteens.length]!.id)!.visitors.push(a));
  const stations = new Map<number, number[]>();
  for (const c of canteens) stations.set(c.id, (await listStations(await ctxAs(platform, `head.${c.login}`), c.id)).map((s) => s.id));
  const dishIds = [...new Set(eaten.flatMap((e) => e.sold.map((s) => s.dishId)))];
  const price = new Map([...(await dishesByIds(admin, dishIds)).values()].map((d) => [d.id, d.priceFen]));
  const wallets = new Map(accounts.map((a) => [a.id, { cash: 0, subsidy: 0 }]));
  const home = new Map<number, number>();
  for (const [cid, p] of pools) for (const a of [...p.diners, ...p.visitors]) home.set(a.id, cid);

  let entries: HistoryEntry[] = [];
  let sales: { canteenId: number; entryIndex: number; sale: Omit<HistorySale, 'entryId'> }[] = [];
  const costing = new Map<number, Map<string, SaleInput & { detailed: boolean }>>(canteens.map((c) => [c.id, new Map()]));
  const cut = addDays(today, -Math.min(detailDays, days));
  let detailed = cut <= start;
  const totals = { sales: 0, entries: 0, topUps: 0 };
  let seq = 0;
  const at = (date: string, minutes: number) => new Date(Date.parse(`${date}T00:00:00+08:00`) + minutes * 60_000 + rng.int(0, 59_999));
  const topUp = (a: DemoAccount, date: string, minute: number, fen: number) => {
    const online = a.category !== 'visitor' && rng.next() < 0.65;
    const canteenId = home.get(a.id)!;
    if (detailed) entries.push({ orgId: online ? centreId : canteenId, accountId: a.id, kind: 'top_up', method: online ? 'online' : 'cash', amountFen: fen, requestKey: `demo:top:${++seq}`, at: at(date, minute),
      legs: [{ book: online ? 'online_clearing' : 'counter_cash', refId: online ? centreId : canteenId, amountFen: -fen }, { book: 'diner_cash', refId: a.id, amountFen: fen }] });
    wallets.get(a.id)!.cash += fen;
    if (detailed) totals.topUps++;
  };
  const subsidise = (date: string) => {
    const byUnit = new Map<number, DemoAccount[]>();
    for (const a of accounts) if (a.category === 'staff') byUnit.set(a.unitId, [...(byUnit.get(a.unitId) ?? []), a]);
    for (const [unitId, list] of [...byUnit].sort((x, y) => x[0] - y[0])) {
      if (detailed) entries.push({ orgId: centreId, accountId: null, kind: 'subsidy', method: 'batch', amountFen: MONTHLY_SUBSIDY * list.length, requestKey: `subsidy:${date.slice(0, 7)}:${unitId}`, at: at(date, 8 * 60),
        memo: `${date.slice(0, 7)} 月度补贴 / monthly subsidy`,
        legs: [{ book: 'unit_subsidy', refId: unitId, amountFen: -MONTHLY_SUBSIDY * list.length }, ...list.map((a) => ({ book: 'diner_subsidy' as const, refId: a.id, amountFen: MONTHLY_SUBSIDY }))] });
      for (const a of list) wallets.get(a.id)!.subsidy += MONTHLY_SUBSIDY;
    }
  };
  const flush = async () => {
    if (!entries.length) return;
    const ids = await inTransaction(admin, (tx) => loadLedgerHistory(tx, centreId, entries));
    for (const c of canteens) {
      const mine = sales.filter((s) => s.canteenId === c.id).map((s) => ({ ...s.sale, entryId: ids[s.entryIndex]! }));
      await inTransaction(admin, (tx) => loadSalesHistory(tx, c.id, mine));
    }
    totals.entries += entries.length;
    totals.sales += sales.length;
    entries = [];
    sales = [];
  };

  // Opening top-ups the day before the history starts, and this month's subsidy if the history does not reach its first day.
  for (const a of accounts) topUp(a, addDays(start, -1), 17 * 60, 100 * rng.int(100, 500));
  if (!(start <= `${today.slice(0, 7)}-01`)) subsidise(`${today.slice(0, 7)}-01`);
  const byDay = new Map<string, { canteenId: number; meal: Meal; n: number; portions: { dishId: number; portions: number }[] }[]>();
  for (const e of eaten) {
    for (const d of e.diners) {
      const list = byDay.get(d.date) ?? [];
      list.push({ canteenId: e.canteenId, meal: d.meal, n: d.n, portions: e.sold.filter((s) => s.date === d.date && s.meal === d.meal).map((s) => ({ dishId: s.dishId, portions: s.portions })) });
      byDay.set(d.date, list);
    }
  }
  const carryForward = (date: string) => {
    detailed = true;
    for (const a of accounts) {
      const w = wallets.get(a.id)!;
      if (!w.cash && !w.subsidy) continue;
      entries.push({ orgId: centreId, accountId: a.id, kind: 'carried_forward', method: 'batch', amountFen: w.cash + w.subsidy, requestKey: `demo:carried:${a.id}`, at: at(addDays(date, -1), 23 * 60),
        memo: '余额结转 / balance carried forward', legs: [{ book: 'carried_forward', refId: centreId, amountFen: -(w.cash + w.subsidy) }, { book: 'diner_cash', refId: a.id, amountFen: w.cash }, { book: 'diner_subsidy', refId: a.id, amountFen: w.subsidy }] });
    }
  };
  for (let date = start; date <= today; date = addDays(date, 1)) {
    if (date === cut && !detailed) carryForward(date);
    if (date.endsWith('-01')) subsidise(date);
    for (const m of (byDay.get(date) ?? []).sort((a, b) => Object.keys(PEAK).indexOf(a.meal) - Object.keys(PEAK).indexOf(b.meal))) {
      const pool = pools.get(m.canteenId)!;
      const n = Math.min(m.n, pool.diners.length);
      if (!n) continue;
      const guests = m.meal === 'lunch' ? rng.int(0, Math.min(4, pool.visitors.length)) : 0;
      const trays = [...rng.shuffle(pool.diners).slice(0, n - guests), ...rng.shuffle(pool.visitors).slice(0, guests)];
      // Deal the meal's portions round the trays, so every tray gets a share of the dishes served.
      const deck = rng.shuffle(m.portions.flatMap((p) => Array.from({ length: p.portions }, () => p.dishId)));
      const lines = trays.map(() => new Map<number, number>());
      deck.forEach((dishId, i) => lines[i % trays.length]!.set(dishId, (lines[i % trays.length]!.get(dishId) ?? 0) + 1));
      const times = trays.map(() => {
        const p = PEAK[m.meal];
        const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
        return Math.min(p.close, Math.max(p.open, p.peak + z * p.sd));
      }).sort((a, b) => a - b);
      trays.forEach((a, i) => {
        const items = [...lines[i]!].map(([dishId, portions]) => ({ dishId, portions, priceFen: price.get(dishId) ?? 0, amountFen: (price.get(dishId) ?? 0) * portions }));
        if (!items.length) return;
        const menuFen = items.reduce((s, l) => s + l.amountFen, 0);
        const dueFen = a.category === 'visitor' ? VISITOR_FLAT[m.meal] : menuFen;
        const mealSubsidyFen = a.category === 'staff' ? Math.min(STAFF_SUBSIDY[m.meal] ?? 0, dueFen) : 0;
        const w = wallets.get(a.id)!;
        const fromSubsidyFen = Math.min(w.subsidy, dueFen - mealSubsidyFen);
        const fromCashFen = dueFen - mealSubsidyFen - fromSubsidyFen;
        if (w.cash < fromCashFen + 3000) topUp(a, date, times[i]! - rng.int(30, 600), 100 * rng.pick([200, 300, 300, 500]));
        w.subsidy -= fromSubsidyFen;
        w.cash -= fromCashFen;
        const rows = costing.get(m.canteenId)!;
        allocate(dueFen, items.map((l) => l.amountFen)).forEach((fen, j) => {
          const k = `${date}|${m.meal}|${items[j]!.dishId}`;
          const was = rows.get(k) ?? { date, meal: m.meal, dishId: items[j]!.dishId, portions: 0, revenueFen: 0, detailed };
          rows.set(k, { ...was, portions: was.portions + items[j]!.portions, revenueFen: was.revenueFen + fen });
        });
        if (!detailed) return;
        const soldAt = at(date, times[i]!);
        const key = `demo:sale:${m.canteenId}:${++seq}`;
        entries.push({ orgId: m.canteenId, accountId: a.id, kind: 'payment', method: rng.next() < 0.75 ? 'card' : 'qr', amountFen: dueFen, requestKey: `sale:${key}`, at: soldAt,
          legs: [{ book: 'canteen_sales', refId: m.canteenId, amountFen: dueFen }, { book: 'unit_subsidy', refId: a.unitId, amountFen: -mealSubsidyFen },
            { book: 'diner_subsidy', refId: a.id, amountFen: -fromSubsidyFen }, { book: 'diner_cash', refId: a.id, amountFen: -fromCashFen }] });
        sales.push({ canteenId: m.canteenId, entryIndex: entries.length - 1, sale: {
          accountId: a.id, requestKey: key, stationId: rng.pick(stations.get(m.canteenId)!), date, meal: m.meal, method: entries.at(-1)!.method as 'card' | 'qr',
          menuFen, dueFen, mealSubsidyFen, fromSubsidyFen, fromCashFen, soldAt, lines: items,
        } });
      });
    }
    if (date.endsWith('-01') || date === today) await flush();
  }
  await flush();
  for (const c of canteens) {
    const head = await ctxAs(platform, `head.${c.login}`);
    const rows = [...costing.get(c.id)!.values()];
    await inTransaction(head, async (tx) => {
      await saveSales(tx, c.id, rows.filter((r) => !r.detailed), 'demo');
      await saveSales(tx, c.id, rows.filter((r) => r.detailed), 'checkout');
    });
  }
  const trays = [...costing.values()].reduce((s, m) => s + m.size, 0);
  log(`${days} days of meals simulated for ${accounts.length} accounts (${trays.toLocaleString('en-US')} dish-meal rows for costing); the last ${Math.min(detailDays, days)} stored sale by sale: ${totals.sales.toLocaleString('en-US')} checkout sales, ${totals.topUps.toLocaleString('en-US')} top-ups, ${totals.entries.toLocaleString('en-US')} ledger entries`);
}
