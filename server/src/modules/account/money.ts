import { createHash } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx, Platform } from '../../core/context.ts';
import { arrayParam, rows } from '../../core/db.ts';
import { AppError, conflict, forbidden, keyReused } from '../../core/errors.ts';
import { accountFor, ownAccount } from './accounts.ts';
import { LocalPaymentGateway, type PaymentGateway, type PaymentNotice } from './adapters/payment-gateway.ts';
import type { CounterMoneyInput, OnlineTopUpInput, SubsidyBatchInput } from './contracts.ts';
import { insertLegs, openEntry, postEntry, reverseEntry, type Leg } from './ledger.ts';
import { P } from './permissions.ts';
import { account, category, onlinePayment, subsidyUse } from './schema.ts';

/** Cash handed over at a canteen counter goes into the diner's cash wallet. */
export async function topUpCash(ctx: Ctx, accountId: number, input: z.infer<typeof CounterMoneyInput>) {
  ctx.access.requireCanteen(P['account.money.write'], input.canteenId);
  const acc = await accountFor(ctx, accountId, P['account.money.write']);
  if (acc.status === 'closed') throw conflict('account_closed', '账户已注销', 'The account is closed');
  const r = await postEntry(ctx, { orgId: input.canteenId, accountId, kind: 'top_up', method: 'cash', amountFen: input.amountFen, requestKey: input.requestKey, memo: input.memo }, [
    { book: 'counter_cash', refId: input.canteenId, amountFen: -input.amountFen },
    { book: 'diner_cash', refId: accountId, amountFen: input.amountFen },
  ]);
  if (!r.replayed) await audit(ctx, { orgId: input.canteenId, action: 'account.topped_up', entity: 'account_entry', entityId: r.entryId, after: { accountId, amountFen: input.amountFen, method: 'cash' } });
  return { entryId: r.entryId, replayed: r.replayed, balances: r.balances };
}

/** Cash paid back from the cash wallet (leaving, or a mistaken top-up); never into the overdraft. */
export async function refundCash(ctx: Ctx, accountId: number, input: z.infer<typeof CounterMoneyInput>) {
  ctx.access.requireCanteen(P['account.money.write'], input.canteenId);
  const acc = await accountFor(ctx, accountId, P['account.money.write'], { lock: true });
  if (acc.cashFen < input.amountFen) {
    const [earlier] = await rows<{ id: number }>(ctx.db, sql`select id from account_entry where org_id = ${input.canteenId} and request_key = ${input.requestKey}`);
    if (!earlier) throw conflict('refund_exceeds_cash', `现金余额仅 ${(acc.cashFen / 100).toFixed(2)} 元，补贴不可退现`, `Only ¥${(acc.cashFen / 100).toFixed(2)} of cash to refund; subsidies are not paid out`);
  }
  const r = await postEntry(ctx, { orgId: input.canteenId, accountId, kind: 'refund', method: 'cash', amountFen: input.amountFen, requestKey: input.requestKey, memo: input.memo }, [
    { book: 'counter_cash', refId: input.canteenId, amountFen: input.amountFen },
    { book: 'diner_cash', refId: accountId, amountFen: -input.amountFen },
  ]);
  if (!r.replayed) await audit(ctx, { orgId: input.canteenId, action: 'account.refunded', entity: 'account_entry', entityId: r.entryId, after: { accountId, amountFen: input.amountFen } });
  return { entryId: r.entryId, replayed: r.replayed, balances: r.balances };
}

/**
 * The monthly subsidy, credited by unit: one entry per unit moves the unit's subsidy to each of its
 * diners' subsidy wallets by their category. The entry's key names the month and unit, so running
 * the batch again credits nobody twice. With `expireUnspent`, what is left of earlier subsidies
 * goes back to the unit first (补贴清零).
 */
export async function creditMonthlySubsidy(ctx: Ctx, input: z.infer<typeof SubsidyBatchInput>) {
  ctx.access.require(P['account.subsidy.write'], input.orgId);
  const units = input.unitIds ?? (await ctx.db.selectDistinct({ unitId: account.unitId }).from(account).where(eq(account.orgId, input.orgId))).map((u) => u.unitId);
  const out = { units: 0, accounts: 0, creditedFen: 0, expiredFen: 0, alreadyDone: 0 };
  for (const unitId of [...new Set(units)].sort((a, b) => a - b)) {
    if (input.expireUnspent) out.expiredFen += await expireUnspent(ctx, input.orgId, unitId, input.month);
    const list = await ctx.db.select({ id: account.id, fen: category.monthlySubsidyFen }).from(account)
      .innerJoin(category, eq(category.id, account.categoryId))
      .where(and(eq(account.orgId, input.orgId), eq(account.unitId, unitId), eq(account.status, 'active'), gt(category.monthlySubsidyFen, 0)))
      .orderBy(account.id);
    if (!list.length) continue;
    const total = list.reduce((s, a) => s + a.fen, 0);
    const opened = await openEntry(ctx, { orgId: input.orgId, accountId: null, kind: 'subsidy', method: 'batch', amountFen: total, requestKey: `subsidy:${input.month}:${unitId}`, memo: `${input.month} 月度补贴 / monthly subsidy` });
    if (opened.replayed) { out.alreadyDone++; continue; }
    await ctx.db.execute(sql`
      update account_account a set subsidy_fen = a.subsidy_fen + d.x
      from unnest(${arrayParam(list.map((a) => a.id))}::int[], ${arrayParam(list.map((a) => a.fen))}::bigint[]) as d(id, x) where a.id = d.id`);
    await insertLegs(ctx, opened.id, [{ book: 'unit_subsidy', refId: unitId, amountFen: -total }, ...list.map((a): Leg => ({ book: 'diner_subsidy', refId: a.id, amountFen: a.fen }))]);
    out.units++;
    out.accounts += list.length;
    out.creditedFen += total;
  }
  await audit(ctx, { orgId: input.orgId, action: 'account.subsidy_credited', entity: 'account_entry', entityId: null, after: { ...input, ...out } });
  return out;
}

/** Moves every subsidy wallet balance of a unit back to the unit, once per month (its key). */
async function expireUnspent(ctx: Ctx, orgId: number, unitId: number, month: string): Promise<number> {
  const opened = await openEntry(ctx, { orgId, accountId: null, kind: 'subsidy_expiry', method: 'batch', amountFen: 0, requestKey: `subsidy-expiry:${month}:${unitId}`, memo: `${month} 前补贴清零 / unspent subsidy returned` });
  if (opened.replayed) return 0;
  const cleared = await rows<{ id: number; was: string }>(ctx.db, sql`
    with old as (select id, subsidy_fen from account_account where org_id = ${orgId} and unit_id = ${unitId} and subsidy_fen > 0 order by id for update)
    update account_account a set subsidy_fen = 0 from old where a.id = old.id returning a.id, old.subsidy_fen::text as was`);
  const total = cleared.reduce((s, c) => s + Number(c.was), 0);
  await insertLegs(ctx, opened.id, [{ book: 'unit_subsidy', refId: unitId, amountFen: total }, ...cleared.map((c): Leg => ({ book: 'diner_subsidy', refId: c.id, amountFen: -Number(c.was) }))]);
  await ctx.db.execute(sql`update account_entry set amount_fen = ${total} where id = ${opened.id}`);
  return total;
}

/** Undoes a payment (checkout undo, cancelled order): the money goes back where it came from and the day's meal subsidy is free again. */
export async function voidPayment(ctx: Ctx, entryId: number, e: { orgId: number; requestKey: string; memo: string }) {
  const r = await reverseEntry(ctx, entryId, e);
  if (!r.replayed) await ctx.db.delete(subsidyUse).where(eq(subsidyUse.entryId, entryId));
  return r;
}

/** An official or meeting meal billed to a unit (公务餐): the unit owes the canteen until its monthly statement is paid. */
export async function billUnit(ctx: Ctx, b: { unitId: number; canteenId: number; amountFen: number; requestKey: string; ref: string; memo: string }) {
  return postEntry(ctx, { orgId: b.canteenId, accountId: null, kind: 'unit_bill', method: 'unit', amountFen: b.amountFen, requestKey: b.requestKey, ref: b.ref, memo: b.memo }, [
    { book: 'canteen_sales', refId: b.canteenId, amountFen: b.amountFen },
    { book: 'unit_receivable', refId: b.unitId, amountFen: -b.amountFen },
  ]);
}

/**
 * A unit pays what it owes a canteen (its monthly statement of official and meeting meals): the
 * receivable is cleared and the money is taken in at the canteen (counter_cash: till or bank).
 */
export async function settleUnit(ctx: Ctx, s: { unitId: number; canteenId: number; amountFen: number; requestKey: string; ref: string; memo: string }) {
  return postEntry(ctx, { orgId: s.canteenId, accountId: null, kind: 'unit_settlement', method: 'unit', amountFen: s.amountFen, requestKey: s.requestKey, ref: s.ref, memo: s.memo }, [
    { book: 'unit_receivable', refId: s.unitId, amountFen: s.amountFen },
    { book: 'counter_cash', refId: s.canteenId, amountFen: -s.amountFen },
  ]);
}

const gateways = new WeakMap<Platform, PaymentGateway>();
/** The platform's online-payment provider: the local implementation unless an adapter was installed. */
export function paymentGateway(platform: Platform): PaymentGateway {
  let g = gateways.get(platform);
  if (!g) gateways.set(platform, (g = new LocalPaymentGateway(platform.config.signingSecret)));
  return g;
}
export function usePaymentGateway(platform: Platform, gateway: PaymentGateway): void {
  gateways.set(platform, gateway);
}

/** A diner starts an online top-up; the same request key gives back the same payment. */
export async function startOnlineTopUp(ctx: Ctx, input: z.infer<typeof OnlineTopUpInput>) {
  const acc = await ownAccount(ctx);
  if (acc.status === 'closed') throw conflict('account_closed', '账户已注销', 'The account is closed');
  const gateway = paymentGateway(ctx.platform);
  const id = `OP${createHash('sha256').update(`${acc.id}|${input.requestKey}`).digest('hex').slice(0, 24)}`;
  const [row] = await ctx.db.insert(onlinePayment).values({ id, orgId: acc.orgId, accountId: acc.id, amountFen: input.amountFen, provider: gateway.name, createdAt: ctx.now() })
    .onConflictDoNothing().returning();
  const payment = row ?? (await ctx.db.select().from(onlinePayment).where(eq(onlinePayment.id, id)))[0]!;
  if (payment.amountFen !== input.amountFen) throw keyReused();
  const { payUrl } = await gateway.start({ paymentId: id, amountFen: input.amountFen, description: '就餐卡充值 / meal card top-up' });
  return { paymentId: id, amountFen: payment.amountFen, status: payment.status, payUrl };
}

export async function getOnlinePayment(ctx: Ctx, paymentId: string) {
  const acc = await ownAccount(ctx);
  const [p] = await ctx.db.select().from(onlinePayment).where(and(eq(onlinePayment.id, paymentId), eq(onlinePayment.accountId, acc.id)));
  if (!p) throw new AppError(404, 'payment_not_found', '支付单不存在', 'Payment not found');
  return { paymentId: p.id, amountFen: p.amountFen, status: p.status, provider: p.provider, createdAt: p.createdAt, paidAt: p.paidAt };
}

/**
 * The provider's notice that a payment went through. Verified by signature, applied once (the
 * payment row is locked and the entry's key is the payment id), and refused if the amount differs.
 */
export async function confirmOnlinePayment(ctx: Ctx, notice: PaymentNotice) {
  if (!paymentGateway(ctx.platform).verify(notice)) throw new AppError(403, 'bad_signature', '支付通知签名无效', 'The payment notice signature is not valid');
  const [p] = await ctx.db.select().from(onlinePayment).where(eq(onlinePayment.id, notice.paymentId)).for('update');
  if (!p) throw new AppError(404, 'payment_not_found', '支付单不存在', 'Payment not found');
  if (p.amountFen !== notice.amountFen) throw conflict('amount_mismatch', '支付金额与订单不符，未入账', 'The paid amount differs from the payment; nothing was credited');
  if (p.status === 'paid') return { paymentId: p.id, status: p.status, replayed: true };
  const r = await postEntry(ctx, { orgId: p.orgId, accountId: p.accountId, kind: 'top_up', method: 'online', amountFen: p.amountFen, requestKey: `online:${p.id}`, ref: `online_payment:${p.id}` }, [
    { book: 'online_clearing', refId: p.orgId, amountFen: -p.amountFen },
    { book: 'diner_cash', refId: p.accountId, amountFen: p.amountFen },
  ]);
  await ctx.db.update(onlinePayment).set({ status: 'paid', providerRef: notice.providerRef, entryId: r.entryId, paidAt: ctx.now() }).where(eq(onlinePayment.id, p.id));
  await audit(ctx, { orgId: p.orgId, action: 'account.topped_up', entity: 'account_entry', entityId: r.entryId, after: { accountId: p.accountId, amountFen: p.amountFen, method: 'online', paymentId: p.id } });
  return { paymentId: p.id, status: 'paid' as const, replayed: false, balances: r.balances };
}

/** The local provider's checkout page confirms: it signs the notice the way a provider would. */
export async function confirmLocalPayment(ctx: Ctx, paymentId: string) {
  const gateway = paymentGateway(ctx.platform);
  if (!(gateway instanceof LocalPaymentGateway)) throw forbidden();
  const mine = await getOnlinePayment(ctx, paymentId);
  const notice = { paymentId, providerRef: `LOCAL-${paymentId.slice(2, 14)}`, amountFen: mine.amountFen };
  return confirmOnlinePayment(ctx, { ...notice, signature: gateway.sign(notice) });
}
