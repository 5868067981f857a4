import { and, asc, desc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { personNames } from '../../core/people.ts';
import { AppError, conflict, forbidden } from '../../core/errors.ts';
import type { AccountQuery, HistoryQuery, OpenAccountInput } from './contracts.ts';
import { P } from './permissions.ts';
import { account, card, category, entry, posting } from './schema.ts';

export type AccountRow = typeof account.$inferSelect;

const accountNotFound = () => new AppError(404, 'account_not_found', '账户不存在或无权查看', 'Account not found or not visible to you');

/**
 * Accounts are issued by a centre and used in all its canteens, so counter staff of any canteen
 * below the issuer see them (the issuer is above their canteen); a diner sees only their own.
 */
export function issuersVisible(ctx: Ctx, permission: string): number[] {
  return ctx.access.readScope(permission);
}

/** Loads an account the caller may act on with `permission`, or — with `self` — the caller's own. */
export async function accountFor(ctx: Ctx, accountId: number, permission: string, opts: { self?: boolean; lock?: boolean } = {}): Promise<AccountRow> {
  const q = ctx.db.select().from(account).where(eq(account.id, accountId));
  const [row] = opts.lock ? await q.for('update') : await q;
  if (!row) throw accountNotFound();
  if (opts.self && row.personId === ctx.user?.id && ctx.access.has(P['account.self.use'])) return row;
  if (!issuersVisible(ctx, permission).includes(row.orgId)) throw accountNotFound();
  return row;
}

/** The caller's own account (diners). */
export async function ownAccount(ctx: Ctx): Promise<AccountRow> {
  ctx.access.require(P['account.self.use']);
  const [row] = await ctx.db.select().from(account).where(eq(account.personId, ctx.user!.id));
  if (!row) throw new AppError(404, 'no_account', '您还没有就餐账户，请到食堂服务台开户', 'You have no meal account yet; open one at the canteen service desk');
  return row;
}

/** The active card number of each account. */
async function cardsOf(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const list = await ctx.db.select({ accountId: card.accountId, cardNo: card.cardNo }).from(card).where(and(inArray(card.accountId, ids), eq(card.status, 'active')));
  return new Map(list.map((c) => [c.accountId, c.cardNo]));
}

export async function describe(ctx: Ctx, rows: AccountRow[]) {
  const cards = await cardsOf(ctx, rows.map((r) => r.id));
  const cats = rows.length ? await ctx.db.select().from(category).where(inArray(category.id, [...new Set(rows.map((r) => r.categoryId))])) : [];
  const catById = new Map(cats.map((c) => [c.id, c]));
  return rows.map((r) => {
    const c = catById.get(r.categoryId)!;
    return {
      id: r.id, orgId: r.orgId, unitId: r.unitId, unitName: ctx.tree.get(r.unitId)?.name ?? '', personId: r.personId, name: r.name,
      category: { id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn }, status: r.status, statusReason: r.statusReason,
      cashFen: r.cashFen, subsidyFen: r.subsidyFen, balanceFen: r.cashFen + r.subsidyFen, overdraftFen: r.overdraftFen,
      offlineLimitFen: r.offlineLimitFen, cardNo: cards.get(r.id) ?? null,
    };
  });
}

export async function listAccounts(ctx: Ctx, q: z.infer<typeof AccountQuery>) {
  const issuers = issuersVisible(ctx, P['account.account.read']);
  if (!issuers.length) throw forbidden();
  const where: (SQL | undefined)[] = [inArray(account.orgId, issuers)];
  if (q.unitId) where.push(eq(account.unitId, q.unitId));
  if (q.status) where.push(eq(account.status, q.status));
  if (q.q) {
    where.push(or(ilike(account.name, `%${q.q}%`),
      sql`${account.id} in (select account_id from account_card where card_no = ${q.q})`));
  }
  const list = await ctx.db.select().from(account).where(and(...where)).orderBy(asc(account.id)).limit(q.limit).offset(q.offset);
  const [counted] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(account).where(and(...where));
  return { total: counted!.n, items: await describe(ctx, list) };
}

export async function getAccount(ctx: Ctx, id: number) {
  const row = await accountFor(ctx, id, P['account.account.read'], { self: true });
  return (await describe(ctx, [row]))[0]!;
}

/** The account behind a card number (station, counter); lost or replaced cards are refused by name. */
export async function accountByCard(ctx: Ctx, cardNo: string): Promise<AccountRow> {
  const [c] = await ctx.db.select().from(card).where(eq(card.cardNo, cardNo));
  if (!c) throw new AppError(404, 'card_not_found', '卡号不存在', 'Unknown card number');
  if (c.status === 'lost') throw conflict('card_lost', '此卡已挂失，请到服务台补卡', 'This card was reported lost; get a replacement at the service desk');
  if (c.status !== 'active') throw conflict('card_inactive', '此卡已停用', 'This card is no longer in use');
  const [row] = await ctx.db.select().from(account).where(eq(account.id, c.accountId));
  return row!;
}

export async function openAccount(ctx: Ctx, input: z.infer<typeof OpenAccountInput>, person: { id: number; name: string; orgId: number }) {
  if (!issuersVisible(ctx, P['account.account.write']).includes(input.orgId) || ctx.tree.get(input.orgId)?.kind !== 'centre') throw forbidden();
  const [cat] = await ctx.db.select().from(category).where(eq(category.id, input.categoryId));
  if (!cat || !ctx.tree.isWithin(input.orgId, cat.orgId) || !cat.active) {
    throw new AppError(404, 'category_not_found', '就餐类别不存在或已停用', 'Diner category not found or inactive');
  }
  const [row] = await ctx.db.insert(account).values({
    orgId: input.orgId, unitId: person.orgId, personId: person.id, name: person.name, categoryId: cat.id,
    overdraftFen: cat.overdraftFen, offlineLimitFen: cat.offlineLimitFen,
  }).onConflictDoNothing({ target: account.personId }).returning();
  if (!row) throw conflict('account_exists', '此人已有就餐账户', 'This person already has a meal account');
  if (input.cardNo) await issueCard(ctx, row.id, input.cardNo);
  await audit(ctx, { orgId: input.orgId, action: 'account.opened', entity: 'account_account', entityId: row.id, after: { ...row, cardNo: input.cardNo ?? null } });
  return (await describe(ctx, [row]))[0]!;
}

async function issueCard(ctx: Ctx, accountId: number, cardNo: string) {
  const [c] = await ctx.db.insert(card).values({ accountId, cardNo, issuedAt: ctx.now() }).onConflictDoNothing().returning();
  if (!c) throw conflict('card_in_use', '该卡号已被使用', 'This card number is already in use');
  return c;
}

/** Freeze or unfreeze: a frozen account cannot pay; top-ups still go in. */
export async function setFrozen(ctx: Ctx, accountId: number, frozen: boolean, reason: string, self = false) {
  const row = await accountFor(ctx, accountId, P['account.account.write'], { self, lock: true });
  if (row.status === 'closed') throw conflict('account_closed', '账户已注销', 'The account is closed');
  if (!frozen && self) throw forbidden();
  const [after] = await ctx.db.update(account).set({ status: frozen ? 'frozen' : 'active', statusReason: frozen ? reason : '' }).where(eq(account.id, accountId)).returning();
  await audit(ctx, { orgId: row.orgId, action: frozen ? 'account.frozen' : 'account.unfrozen', entity: 'account_account', entityId: accountId, before: { status: row.status }, after: { status: after!.status, reason } });
  return (await describe(ctx, [after!]))[0]!;
}

/** A lost card stops working at once; the diner may report it from the phone. The balance stays with the account. */
export async function reportLost(ctx: Ctx, accountId: number, self: boolean) {
  const row = await accountFor(ctx, accountId, P['account.account.write'], { self, lock: true });
  const lost = await ctx.db.update(card).set({ status: 'lost', closedAt: ctx.now() }).where(and(eq(card.accountId, accountId), eq(card.status, 'active'))).returning();
  if (!lost.length) throw conflict('no_active_card', '此账户没有在用的卡', 'This account has no card in use');
  await audit(ctx, { orgId: row.orgId, action: 'account.card_lost', entity: 'account_card', entityId: lost[0]!.id, after: { cardNo: lost[0]!.cardNo } });
  return (await describe(ctx, [row]))[0]!;
}

/** A new card for the same account: the old one (lost or worn) stops working, the balance carries over. */
export async function replaceCard(ctx: Ctx, accountId: number, cardNo: string) {
  const row = await accountFor(ctx, accountId, P['account.account.write'], { lock: true });
  const old = await ctx.db.update(card).set({ status: sql`case when ${card.status} = 'lost' then 'lost' else 'replaced' end`, closedAt: sql`coalesce(${card.closedAt}, ${ctx.now()})` })
    .where(and(eq(card.accountId, accountId), inArray(card.status, ['active']))).returning();
  const fresh = await issueCard(ctx, accountId, cardNo);
  await audit(ctx, { orgId: row.orgId, action: 'account.card_replaced', entity: 'account_card', entityId: fresh.id, before: old.map((c) => c.cardNo), after: { cardNo } });
  return (await describe(ctx, [row]))[0]!;
}

/** The account's movements, newest first, each with what it did to the two wallets. */
export async function history(ctx: Ctx, accountId: number, q: z.infer<typeof HistoryQuery>, self: boolean) {
  await accountFor(ctx, accountId, P['account.account.read'], { self });
  const where: (SQL | undefined)[] = [eq(entry.accountId, accountId)];
  if (q.from) where.push(sql`${entry.businessDate} >= ${q.from}`);
  if (q.to) where.push(sql`${entry.businessDate} <= ${q.to}`);
  if (q.before) where.push(lt(entry.id, q.before));
  const list = await ctx.db.select().from(entry).where(and(...where)).orderBy(desc(entry.id)).limit(q.limit);
  const legs = list.length ? await ctx.db.select().from(posting).where(and(inArray(posting.entryId, list.map((e) => e.id)), eq(posting.refId, accountId), inArray(posting.book, ['diner_cash', 'diner_subsidy']))) : [];
  const names = await personNames(ctx.db, list.map((e) => e.createdBy));
  return list.map((e) => {
    const mine = legs.filter((l) => l.entryId === e.id);
    const cashFen = mine.filter((l) => l.book === 'diner_cash').reduce((s, l) => s + l.amountFen, 0);
    const subsidyFen = mine.filter((l) => l.book === 'diner_subsidy').reduce((s, l) => s + l.amountFen, 0);
    return {
      id: e.id, kind: e.kind, method: e.method, at: e.at, businessDate: e.businessDate, orgId: e.orgId, placeName: ctx.tree.get(e.orgId)?.name ?? '',
      amountFen: e.amountFen, cashFen, subsidyFen, ref: e.ref, memo: e.memo, offline: e.offline, reversesId: e.reversesId,
      by: e.createdBy ? names.get(e.createdBy) ?? null : null,
    };
  });
}

/**
 * What a station needs to keep selling without the server: every account usable in this canteen
 * with its card, state, balance and offline limit as of now.
 */
export async function rosterFor(ctx: Ctx, canteenId: number, permission: string) {
  const issuers = ctx.tree.ancestry(canteenId).filter((o) => issuersVisible(ctx, permission).includes(o));
  if (!issuers.length) return [];
  return ctx.db.select({
    accountId: account.id, name: account.name, status: account.status, cardNo: card.cardNo, cashFen: account.cashFen, subsidyFen: account.subsidyFen,
    overdraftFen: account.overdraftFen, offlineLimitFen: account.offlineLimitFen, categoryId: account.categoryId,
  }).from(account).leftJoin(card, and(eq(card.accountId, account.id), eq(card.status, 'active')))
    .where(inArray(account.orgId, issuers)).orderBy(asc(account.id));
}

/**
 * Opens many accounts at once (moving a roster over from another one-card system, the demo):
 * the same checks as one at a time, one audit record for the batch. People who already have an
 * account are skipped.
 */
export async function openAccounts(ctx: Ctx, issuerId: number, list: { personId: number | null; name: string; unitId: number; categoryId: number; cardNo: string }[]) {
  if (!issuersVisible(ctx, P['account.account.write']).includes(issuerId) || ctx.tree.get(issuerId)?.kind !== 'centre') throw forbidden();
  const cats = await ctx.db.select().from(category).where(eq(category.orgId, issuerId));
  const catById = new Map(cats.map((c) => [c.id, c]));
  const unknown = [...new Set(list.map((a) => a.categoryId))].filter((id) => !catById.get(id)?.active);
  if (unknown.length) throw new AppError(404, 'category_not_found', '就餐类别不存在或已停用', 'Diner category not found or inactive', { categoryIds: unknown });
  const opened: { id: number; cardNo: string }[] = [];
  for (let i = 0; i < list.length; i += 1000) {
    const chunk = list.slice(i, i + 1000);
    const ids = await ctx.db.insert(account).values(chunk.map((a) => {
      const c = catById.get(a.categoryId)!;
      return { orgId: issuerId, unitId: a.unitId, personId: a.personId, name: a.name, categoryId: c.id, overdraftFen: c.overdraftFen, offlineLimitFen: c.offlineLimitFen };
    })).onConflictDoNothing({ target: account.personId }).returning({ id: account.id, personId: account.personId, name: account.name });
    const cardOf = new Map(chunk.map((a) => [`${a.personId}|${a.name}`, a.cardNo]));
    const cards = ids.map((r) => ({ accountId: r.id, cardNo: cardOf.get(`${r.personId}|${r.name}`)!, issuedAt: ctx.now() }));
    if (cards.length) await ctx.db.insert(card).values(cards);
    opened.push(...cards.map((c) => ({ id: c.accountId, cardNo: c.cardNo })));
  }
  await audit(ctx, { orgId: issuerId, action: 'account.opened_in_bulk', entity: 'account_account', entityId: null, after: { opened: opened.length, skipped: list.length - opened.length } });
  return opened;
}
