import { and, asc, eq, gte, inArray, isNotNull, lte, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, forbidden } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import { documentPdf, documentResponse, documentXlsx, type ReportDocument } from '../../core/report-document.ts';
import { settleUnit } from '../account/index.ts';
import type { StatementPaidInput, StatementsQuery } from './contracts.ts';
import { P } from './permissions.ts';
import { order, statement } from './schema.ts';
import { MEAL_LABEL } from './settings.ts';

const monthRange = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
};

const notVisible = () => new AppError(404, 'statement_not_found', '月结单不存在或无权查看', 'Statement not found or not visible to you');

/**
 * Who sees which statements: a canteen's side sees every unit's statement at its canteens, a unit
 * approver sees their own unit's at every canteen. Nobody else, and no unit sees another's.
 */
function scopeOf(ctx: Ctx) {
  const canteens = ctx.access.canteens(P['order.statement.read']);
  const units = ctx.access.scope(P['order.statement.read']).filter((o) => ctx.tree.get(o)?.kind === 'unit');
  if (!canteens.length && !units.length) throw forbidden();
  return { canteens, units, may: (canteenId: number, unitId: number) => canteens.includes(canteenId) || units.includes(unitId) };
}

async function billed(ctx: Ctx, where: SQL[], month: string) {
  const { from, to } = monthRange(month);
  return ctx.db.select().from(order)
    .where(and(...where, inArray(order.kind, ['meeting', 'official']), eq(order.status, 'served'), isNotNull(order.billEntryId), gte(order.date, from), lte(order.date, to)))
    .orderBy(asc(order.date), asc(order.meal), asc(order.id));
}

/** A month's statements the caller may see: one per canteen and unit with bills, totals and whether paid. */
export async function listStatements(ctx: Ctx, q: z.infer<typeof StatementsQuery>) {
  const scope = scopeOf(ctx);
  const where: SQL[] = [];
  if (q.canteenId) where.push(eq(order.orgId, q.canteenId));
  if (q.unitId) where.push(eq(order.unitId, q.unitId));
  const rows = (await billed(ctx, where, q.month)).filter((r) => scope.may(r.orgId, r.unitId));
  const paid = await ctx.db.select().from(statement).where(eq(statement.month, q.month));
  const groups = new Map<string, { canteenId: number; unitId: number; orders: number; headcount: number; amountFen: number }>();
  for (const r of rows) {
    const key = `${r.orgId}|${r.unitId}`;
    const g = groups.get(key) ?? { canteenId: r.orgId, unitId: r.unitId, orders: 0, headcount: 0, amountFen: 0 };
    g.orders++;
    g.headcount += r.headcount;
    g.amountFen += r.dueFen;
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const s = paid.find((p) => p.orgId === g.canteenId && p.unitId === g.unitId);
    return { ...g, month: q.month, canteenName: ctx.tree.get(g.canteenId)?.name ?? '', unitName: ctx.tree.get(g.unitId)?.name ?? '', status: s ? 'paid' as const : 'open' as const, paidAt: s?.paidAt ?? null };
  }).sort((a, b) => a.canteenId - b.canteenId || a.unitName.localeCompare(b.unitName, 'zh'));
}

/** One unit's month at one canteen: every billed meal with totals, and the payment if recorded. */
export async function getStatement(ctx: Ctx, q: { month: string; canteenId: number; unitId: number }) {
  const scope = scopeOf(ctx);
  const unit = ctx.tree.get(q.unitId);
  if (!scope.may(q.canteenId, q.unitId) || unit?.kind !== 'unit' || ctx.tree.get(q.canteenId)?.kind !== 'canteen') throw notVisible();
  const rows = await billed(ctx, [eq(order.orgId, q.canteenId), eq(order.unitId, q.unitId)], q.month);
  const [paid] = await ctx.db.select().from(statement).where(and(eq(statement.orgId, q.canteenId), eq(statement.unitId, q.unitId), eq(statement.month, q.month)));
  const names = await personNames(ctx.db, [...rows.map((r) => r.personId), paid?.paidBy]);
  const lines = rows.map((r) => ({
    orderId: r.id, no: r.no, date: r.date, meal: r.meal, kind: r.kind, purpose: r.purpose, requestedBy: names.get(r.personId) ?? '',
    headcount: r.headcount, standardFen: r.standardFen, amountFen: r.dueFen,
  }));
  return {
    month: q.month, canteenId: q.canteenId, canteenName: ctx.tree.get(q.canteenId)!.name, unitId: q.unitId, unitName: unit.name,
    lines, totals: { orders: lines.length, headcount: lines.reduce((s, l) => s + l.headcount, 0), amountFen: lines.reduce((s, l) => s + l.amountFen, 0) },
    status: paid ? 'paid' as const : 'open' as const,
    payment: paid ? { statementId: paid.id, amountFen: paid.amountFen, paidAt: paid.paidAt, paidBy: names.get(paid.paidBy ?? 0) ?? '', memo: paid.memo, entryId: paid.entryId } : null,
  };
}

/** The statement as a printable document: the Excel file and the PDF share it. */
export async function statementFile(ctx: Ctx, q: { month: string; canteenId: number; unitId: number }, format: 'xlsx' | 'pdf') {
  const s = await getStatement(ctx, q);
  const kindLabel = { meeting: { zh: '会议餐', en: 'Meeting' }, official: { zh: '公务餐', en: 'Official' } } as const;
  const doc: ReportDocument = {
    title: { zh: '单位用餐月结单', en: 'Unit meal statement' },
    subtitle: `${s.unitName} · ${s.canteenName} · ${s.month}`,
    fields: [
      { zh: '单位', en: 'Unit', value: s.unitName }, { zh: '食堂', en: 'Canteen', value: s.canteenName }, { zh: '月份', en: 'Month', value: s.month },
      { zh: '状态', en: 'Status', value: s.status === 'paid' ? (ctx.lang === 'en' ? 'paid' : '已收款') : (ctx.lang === 'en' ? 'open' : '未结') },
    ],
    columns: [
      { key: 'date', zh: '日期', en: 'Date', kind: 'date' },
      { key: 'meal', zh: '餐次', en: 'Meal', kind: 'text' },
      { key: 'no', zh: '单号', en: 'No.', kind: 'text', width: 1.6 },
      { key: 'kind', zh: '类型', en: 'Kind', kind: 'text' },
      { key: 'purpose', zh: '用途', en: 'Purpose', kind: 'text', width: 2 },
      { key: 'by', zh: '申请人', en: 'Requested by', kind: 'text' },
      { key: 'headcount', zh: '人数', en: 'People', kind: 'int', total: true },
      { key: 'standard', zh: '餐标(元/人)', en: 'Standard (¥/person)', kind: 'fen' },
      { key: 'amount', zh: '金额(元)', en: 'Amount (¥)', kind: 'fen', total: true },
    ],
    rows: s.lines.map((l) => ({
      date: l.date, meal: MEAL_LABEL[l.meal][ctx.lang], no: l.no, kind: kindLabel[l.kind as 'meeting' | 'official'][ctx.lang], purpose: l.purpose, by: l.requestedBy,
      headcount: l.headcount, standard: l.standardFen, amount: l.amountFen,
    })),
    totals: true,
    signatures: [{ zh: '食堂负责人', en: 'Canteen head' }, { zh: '单位经办人', en: 'Unit clerk' }, { zh: '财务', en: 'Finance' }],
    generatedAt: ctx.now(),
    generatedBy: ctx.user?.name,
  };
  const buf = format === 'xlsx' ? await documentXlsx(doc, ctx.lang) : await documentPdf(doc, ctx.lang);
  return documentResponse(buf, format, `月结单-${s.unitName}-${s.canteenName}-${s.month}.${format}`);
}

/**
 * The unit has paid its month: the receivable is cleared through the account module and the
 * statement is closed (one per canteen, unit and month — the unique index refuses a second).
 */
export async function markPaid(ctx: Ctx, input: z.infer<typeof StatementPaidInput>) {
  ctx.access.requireCanteen(P['order.statement.write'], input.canteenId);
  const s = await getStatement(ctx, input);
  if (s.status === 'paid') throw conflict('statement_paid', '该月结单已收款', 'This statement is already paid');
  if (!s.lines.length) throw conflict('statement_empty', '该月没有可结算的用餐', 'Nothing was billed this month');
  const [row] = await ctx.db.insert(statement).values({
    orgId: input.canteenId, unitId: input.unitId, month: input.month, orders: s.totals.orders, amountFen: s.totals.amountFen, paidAt: ctx.now(), paidBy: ctx.user!.id, memo: input.memo,
  }).onConflictDoNothing().returning();
  if (!row) throw conflict('statement_paid', '该月结单已收款', 'This statement is already paid');
  const entry = await settleUnit(ctx, {
    unitId: input.unitId, canteenId: input.canteenId, amountFen: s.totals.amountFen, requestKey: `order-statement:${row.id}`, ref: `order_statement:${row.id}`,
    memo: `${s.unitName} ${input.month} 月结收款 / statement paid${input.memo ? `: ${input.memo}` : ''}`,
  });
  await ctx.db.update(statement).set({ entryId: entry.entryId }).where(eq(statement.id, row.id));
  await ctx.db.update(order).set({ statementId: row.id }).where(inArray(order.id, s.lines.map((l) => l.orderId)));
  await audit(ctx, { orgId: input.canteenId, action: 'order.statement_paid', entity: 'order_statement', entityId: row.id, after: { unitId: input.unitId, month: input.month, amountFen: s.totals.amountFen, orders: s.totals.orders, entryId: entry.entryId } });
  return getStatement(ctx, input);
}
