import { describe, expect, it } from 'vitest';
import type { OfflinePack, RosterEntry } from '../api.ts';
import { applySync, backoffMs, mealAt, sellOffline, type QueuedSale } from './offline.ts';

// 12:30 in China on 2026-11-26: lunch.
const NOON = new Date('2026-11-26T04:30:00Z');

const diner = (over: Partial<RosterEntry> = {}): RosterEntry => ({
  accountId: 7, name: '韩建', status: 'active', cardNo: 'TZ000001', cashFen: 1000, subsidyFen: 500, overdraftFen: 0, offlineLimitFen: 3000, categoryId: 1, ...over,
});

const pack = (roster: RosterEntry[] = [diner()], date = '2026-11-26'): OfflinePack => ({
  canteenId: 1, date, issuedAt: NOON.toISOString(), roster,
  boards: [
    { canteenId: 1, date, meal: 'breakfast', dishes: [] },
    { canteenId: 1, date, meal: 'lunch', dishes: [
      { dishId: 11, name: '米饭', nameEn: 'Rice', kind: 'staple', priceFen: 80, portionG: 200, hasPhoto: false },
      { dishId: 12, name: '红烧肉', nameEn: 'Braised pork', kind: 'meat', priceFen: 1200, portionG: 150, hasPhoto: false },
    ] },
  ],
});

const queued = (accountId: number, menuFen: number, key = `k-${Math.random()}`): QueuedSale => ({
  sale: { requestKey: key, accountId, method: 'card', soldAt: NOON.toISOString(), lines: [{ dishId: 12, how: 'tap', portions: 1, amountFen: menuFen }] },
  dinerName: 'x', cardNo: 'x', menuFen, names: ['红烧肉'],
});

const sell = (over: Partial<Parameters<typeof sellOffline>[0]> = {}) =>
  sellOffline({ pack: pack(), queue: [], card: 'tz000001', lines: [{ dishId: 11, how: 'tap', portions: 2 }, { dishId: 12, how: 'weigh', portions: 1, weightG: 225 }], requestKey: 'req-000001', now: NOON, ...over });

describe('selling offline', () => {
  it('finds the diner by card (any case), prices taps and weights from the cached board, keeps the request key and the time', () => {
    const r = sell();
    if (!('sale' in r)) throw new Error(r.refusal.code);
    expect(r.sale.sale).toMatchObject({ requestKey: 'req-000001', accountId: 7, method: 'card', soldAt: NOON.toISOString() });
    expect(r.sale.sale.lines.map((l) => l.amountFen)).toEqual([160, 1800]);
    expect(r.sale.menuFen).toBe(1960);
    expect(r.sale.dinerName).toBe('韩建');
  });

  it('refuses without a pack of today, for an unknown card, a frozen account, or a dish not on this meal', () => {
    const code = (r: ReturnType<typeof sellOffline>) => ('refusal' in r ? r.refusal.code : 'sold');
    expect(code(sell({ pack: null }))).toBe('no_offline_pack');
    expect(code(sell({ pack: pack([diner()], '2026-11-25') }))).toBe('no_offline_pack');
    expect(code(sell({ card: 'TZ009999' }))).toBe('card_not_in_roster');
    expect(code(sell({ pack: pack([diner({ status: 'frozen' })]) }))).toBe('account_not_active');
    expect(code(sell({ lines: [{ dishId: 99, how: 'tap', portions: 1 }] }))).toBe('dish_not_on_menu');
    // Breakfast has no dishes on this board.
    expect(code(sell({ now: new Date('2026-11-26T00:30:00Z') }))).toBe('dish_not_on_menu');
  });

  it('keeps the unsynced offline sales of a diner plus this one within the offline limit', () => {
    const lines = [{ dishId: 12, how: 'tap' as const, portions: 1 }];
    expect('sale' in sell({ lines, queue: [queued(7, 1800)] })).toBe(true); // 1800 + 1200 = 3000
    expect('refusal' in sell({ lines, queue: [queued(7, 1900)] })).toBe(true); // 3100 > 3000
    // Another diner's queued sales do not count.
    expect('sale' in sell({ lines, queue: [queued(8, 2900)] })).toBe(true);
  });

  it('never goes beyond balance, overdraft and offline limit as cached', () => {
    const poor = pack([diner({ cashFen: -2000, subsidyFen: 0, overdraftFen: 0, offlineLimitFen: 3000 })]);
    const lines = [{ dishId: 12, how: 'tap' as const, portions: 1 }];
    expect('refusal' in sell({ pack: poor, lines })).toBe(true); // room: −2000 + 3000 = 1000 < 1200
    expect('sale' in sell({ pack: poor, lines: [{ dishId: 11, how: 'tap', portions: 12 }] })).toBe(true); // 960
  });
});

describe('syncing the queue', () => {
  it('drops recorded and duplicate sales, moves rejected ones aside, keeps the rest', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((k) => queued(7, 100, `key-${k}`)) as [QueuedSale, QueuedSale, QueuedSale, QueuedSale];
    // d was queued while the request was on its way: not sent, so it stays.
    const r = applySync([a, b, c, d], [a, b, c], {
      recorded: 1, duplicates: 1, rejected: 1,
      results: [
        { requestKey: 'key-a', status: 'recorded', saleId: 1 },
        { requestKey: 'key-b', status: 'duplicate', saleId: 2 },
        { requestKey: 'key-c', status: 'rejected', code: 'offline_too_old', message: '超过 7 天' },
      ],
    }, NOON);
    expect(r.queue.map((q) => q.sale.requestKey)).toEqual(['key-d']);
    expect(r.rejected.map((q) => [q.sale.requestKey, q.code])).toEqual([['key-c', 'offline_too_old']]);
    expect(r.done).toBe(2);
  });

  it('keeps a sent sale the answer does not mention, and backs off 2, 4, 8 … 30 s', () => {
    const a = queued(7, 100, 'key-a');
    expect(applySync([a], [a], { recorded: 0, duplicates: 0, rejected: 0, results: [] }, NOON).queue).toHaveLength(1);
    expect([1, 2, 3, 4, 5, 9].map(backoffMs)).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
  });
});

it('tells the meal by the clock in China, as the server does', () => {
  expect(mealAt(new Date('2026-11-26T01:59:00Z'))).toEqual({ date: '2026-11-26', meal: 'breakfast' });
  expect(mealAt(new Date('2026-11-26T02:00:00Z'))).toEqual({ date: '2026-11-26', meal: 'lunch' });
  expect(mealAt(new Date('2026-11-26T06:30:00Z'))).toEqual({ date: '2026-11-26', meal: 'dinner' });
  expect(mealAt(new Date('2026-11-26T12:00:00Z'))).toEqual({ date: '2026-11-26', meal: 'late' });
  expect(mealAt(new Date('2026-11-26T16:30:00Z'))).toEqual({ date: '2026-11-27', meal: 'breakfast' });
});
