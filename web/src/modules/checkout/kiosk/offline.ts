import { ApiError } from '../../../api.ts';
import type { Board, Meal, OfflinePack, OfflineSaleInput, RosterEntry, SaleLine, SyncResult } from '../api.ts';

/**
 * Selling without the server: the station keeps the last offline pack (today's menus and the
 * roster with balances and offline limits) and a queue of sales made offline, both in
 * localStorage so a reload or a power cut loses nothing. Queued sales keep the request key they
 * were made under; the server records each key once, so sending the queue again is always safe.
 */

export interface QueuedSale {
  sale: OfflineSaleInput;
  dinerName: string;
  cardNo: string;
  menuFen: number;
  names: string[];
}
export interface RejectedSale extends QueuedSale { code: string; message: string; at: string }

const packKey = (canteenId: number) => `kiosk.pack.${canteenId}`;
const queueKey = (canteenId: number, stationId: number) => `kiosk.queue.${canteenId}.${stationId}`;
const rejectedKey = (canteenId: number, stationId: number) => `kiosk.rejected.${canteenId}.${stationId}`;

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

export const loadPack = (canteenId: number) => read<OfflinePack | null>(packKey(canteenId), null);
export const savePack = (pack: OfflinePack) => localStorage.setItem(packKey(pack.canteenId), JSON.stringify(pack));
export const loadQueue = (canteenId: number, stationId: number) => read<QueuedSale[]>(queueKey(canteenId, stationId), []);
export const saveQueue = (canteenId: number, stationId: number, q: QueuedSale[]) => localStorage.setItem(queueKey(canteenId, stationId), JSON.stringify(q));
export const loadRejected = (canteenId: number, stationId: number) => read<RejectedSale[]>(rejectedKey(canteenId, stationId), []);
export const saveRejected = (canteenId: number, stationId: number, r: RejectedSale[]) => localStorage.setItem(rejectedKey(canteenId, stationId), JSON.stringify(r));

/** The business date and meal of a moment by the clock in China, as the server decides them (board.ts mealAt). */
export function mealAt(at: Date): { date: string; meal: Meal } {
  const china = new Date(at.getTime() + 8 * 3600_000);
  const minutes = china.getUTCHours() * 60 + china.getUTCMinutes();
  const meal: Meal = minutes < 600 ? 'breakfast' : minutes < 870 ? 'lunch' : minutes < 1200 ? 'dinner' : 'late';
  return { date: china.toISOString().slice(0, 10), meal };
}

/** The server could not be reached (as opposed to answering no): the moment to sell offline. */
export function isNetworkFailure(e: unknown): boolean {
  if (e instanceof ApiError) return e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504;
  return true;
}

/** The cached board of the meal being served now, if the pack is today's. */
export function cachedBoard(pack: OfflinePack | null, now: Date): Board | null {
  if (!pack) return null;
  const { date, meal } = mealAt(now);
  if (pack.date !== date) return null;
  return pack.boards.find((b) => b.meal === meal) ?? null;
}

/** A reason in both languages: the kiosk shows the one the cashier reads. */
export interface Refusal { code: string; zh: string; en: string }

export function lineAmount(board: Board, l: SaleLine): number | null {
  const d = board.dishes.find((x) => x.dishId === l.dishId);
  if (!d) return null;
  return l.how === 'weigh' && l.weightG !== undefined ? Math.round((l.weightG * d.priceFen) / Math.max(d.portionG, 1)) : d.priceFen * l.portions;
}

export function findByCard(pack: OfflinePack, cardNo: string): RosterEntry | undefined {
  const want = cardNo.trim().toUpperCase();
  return pack.roster.find((r) => r.cardNo !== null && r.cardNo.toUpperCase() === want);
}

/**
 * A sale made offline, or why not: the diner by card from the roster, the price from the cached
 * board, and the offline limit — what this station has sold the diner offline and not yet synced,
 * plus this sale, stays within the diner's offline limit and within what the cached balance,
 * overdraft and offline limit allow together.
 */
export function sellOffline(input: {
  pack: OfflinePack | null; queue: QueuedSale[]; card: string; lines: SaleLine[]; requestKey: string; now: Date;
}): { sale: QueuedSale } | { refusal: Refusal } {
  const { pack, queue, lines, now } = input;
  const board = cachedBoard(pack, now);
  if (!pack || !board) {
    return { refusal: { code: 'no_offline_pack', zh: '没有今天的离线数据，无法离线收款。请检查网络，恢复后再结算。', en: "There is no offline data for today, so the station cannot sell offline. Check the network and try again when it is back." } };
  }
  const diner = findByCard(pack, input.card);
  if (!diner) {
    return { refusal: { code: 'card_not_in_roster', zh: '离线名单中没有此卡（可能是新卡或已挂失）。请联网后再试，或到服务台办理。', en: 'This card is not in the offline roster (a new or lost card?). Try again when the network is back, or go to the service desk.' } };
  }
  if (diner.status !== 'active') {
    return { refusal: { code: 'account_not_active', zh: '此账户已冻结或注销，不能消费。请到服务台办理。', en: 'This account is frozen or closed and cannot pay. Please go to the service desk.' } };
  }
  const priced: (SaleLine & { amountFen: number })[] = [];
  const names: string[] = [];
  for (const l of lines) {
    const amountFen = lineAmount(board, l);
    if (amountFen === null) return { refusal: { code: 'dish_not_on_menu', zh: '托盘里有不在本餐菜单上的菜品，请重新选菜。', en: "The tray holds a dish that is not on this meal's menu; choose again." } };
    const d = board.dishes.find((x) => x.dishId === l.dishId)!;
    priced.push({ ...l, portions: l.how === 'weigh' ? 1 : l.portions, amountFen });
    names.push(d.name);
  }
  const menuFen = priced.reduce((s, l) => s + l.amountFen, 0);
  const pending = queue.filter((q) => q.sale.accountId === diner.accountId).reduce((s, q) => s + q.menuFen, 0);
  const room = Math.min(diner.offlineLimitFen, diner.cashFen + diner.subsidyFen + diner.overdraftFen + diner.offlineLimitFen) - pending;
  if (menuFen > room) {
    const left = (Math.max(room, 0) / 100).toFixed(2);
    return { refusal: { code: 'offline_limit', zh: `超出离线消费额度（本次还可离线消费 ¥${left}）。请等网络恢复后再结算，或使用现金。`, en: `Over the offline limit (¥${left} left offline). Wait for the network to come back, or pay another way.` } };
  }
  return {
    sale: {
      sale: { requestKey: input.requestKey, accountId: diner.accountId, method: 'card', soldAt: now.toISOString(), lines: priced },
      dinerName: diner.name, cardNo: diner.cardNo ?? input.card, menuFen, names,
    },
  };
}

/**
 * Applies the server's answer to the queue: recorded and duplicate sales leave it, rejected ones
 * go to the list a manager looks at, anything the server did not mention stays.
 */
export function applySync(queue: QueuedSale[], sent: QueuedSale[], result: SyncResult, now: Date): { queue: QueuedSale[]; rejected: RejectedSale[]; done: number } {
  const byKey = new Map(result.results.map((r) => [r.requestKey, r]));
  const sentKeys = new Set(sent.map((s) => s.sale.requestKey));
  const rejected: RejectedSale[] = [];
  let done = 0;
  const rest = queue.filter((q) => {
    if (!sentKeys.has(q.sale.requestKey)) return true;
    const r = byKey.get(q.sale.requestKey);
    if (!r) return true;
    if (r.status === 'rejected') {
      rejected.push({ ...q, code: r.code ?? 'rejected', message: r.message ?? '', at: now.toISOString() });
      return false;
    }
    done++;
    return false;
  });
  return { queue: rest, rejected, done };
}

/** Seconds to wait before the next sync attempt after `failures` failed ones: 2, 4, 8 … at most 30. */
export const backoffMs = (failures: number) => Math.min(30_000, 2000 * 2 ** Math.max(0, failures - 1));
