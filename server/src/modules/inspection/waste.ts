import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import { watermarkPhoto } from '../../core/watermark.ts';
import { paidSalesByMeal } from '../checkout/index.ts';
import { devicesOfKind, stableWeight } from '../../devices/index.ts';
import { addDays, canteenName, chinaSecond, futureDate, today } from './common.ts';
import type { TrendQuery, WasteFields, WasteQuery } from './contracts.ts';
import { P } from './permissions.ts';
import { photo, waste } from './schema.ts';

const WASTE = { zh: '泔水记录', en: 'Waste record' };
const MEAL_ZH = { breakfast: '早餐', lunch: '午餐', dinner: '晚餐', late: '夜宵' } as const;

type WasteRow = typeof waste.$inferSelect;

async function views(ctx: Ctx, rows: WasteRow[]) {
  const ids = rows.map((r) => r.id);
  const photos = ids.length ? await ctx.db.select({ id: photo.id, wasteId: photo.wasteId }).from(photo).where(inArray(photo.wasteId, ids)).orderBy(asc(photo.id)) : [];
  const names = await personNames(ctx.db, rows.flatMap((r) => [r.recordedBy, r.voidedBy]));
  return rows.map((r) => ({
    id: r.id, canteenId: r.orgId, date: r.date, meal: r.meal, grams: r.grams, source: r.source, scaleDeviceId: r.scaleDeviceId,
    collector: r.collector, licenceNo: r.licenceNo, note: r.note, recordedAt: r.recordedAt, recordedByName: r.recordedBy ? names.get(r.recordedBy) ?? null : null,
    voided: r.voidedAt !== null, voidedAt: r.voidedAt, voidedByName: r.voidedBy ? names.get(r.voidedBy) ?? null : null, voidReason: r.voidReason,
    photoIds: photos.filter((p) => p.wasteId === r.id).map((p) => p.id),
  }));
}

/**
 * 泔水 weighed after a meal: a typed weight or the stable reading of one of the canteen's scales, a photo the
 * server watermarks, and who took it away (the disposal ledger: collector and licence). A retried upload under the
 * same request key returns the first record.
 */
export async function recordWaste(ctx: Ctx, upload: { bytes: Buffer; fields: z.infer<typeof WasteFields> }) {
  const f = upload.fields;
  ctx.access.requireCanteen(P['inspection.waste.write'], f.canteenId);
  if (f.date > today(ctx)) throw futureDate();
  const [again] = await ctx.db.select().from(waste).where(and(eq(waste.orgId, f.canteenId), eq(waste.requestKey, f.requestKey)));
  if (again) return { ...(await views(ctx, [again]))[0]!, replayed: true };
  let grams = f.grams;
  if (f.scaleDeviceId !== undefined) {
    const scales = await devicesOfKind(ctx, f.canteenId, 'scale');
    if (!scales.some((d) => d.id === f.scaleDeviceId)) throw notFound({ zh: '本食堂的秤', en: 'A scale of this canteen' });
    const w = await stableWeight(ctx, f.scaleDeviceId);
    if (!w || w.grams <= 0) throw conflict('scale_not_stable', '秤上没有稳定的读数（或已离线），请等读数稳定后再取', 'The scale shows no stable weight (or is offline); wait until it settles');
    grams = w.grams;
  }
  const stamped = await watermarkPhoto(upload.bytes, [
    `泔水称重 · ${f.date} ${MEAL_ZH[f.meal]} · ${(grams! / 1000).toFixed(2)} kg`,
    `${chinaSecond(ctx.now())}（北京时间）`,
    `${canteenName(ctx, f.canteenId)} · 收运：${f.collector}`,
    `登记人：${ctx.user!.name}`,
  ]);
  const [row] = await ctx.db.insert(waste).values({
    orgId: f.canteenId, date: f.date, meal: f.meal, grams: grams!, source: f.scaleDeviceId !== undefined ? 'scale' : 'typed', scaleDeviceId: f.scaleDeviceId ?? null,
    collector: f.collector, licenceNo: f.licenceNo || null, note: f.note || null, requestKey: f.requestKey, recordedBy: ctx.user!.id, recordedAt: ctx.now(),
  }).returning();
  await ctx.db.insert(photo).values({ orgId: f.canteenId, wasteId: row!.id, mime: stamped.type, width: stamped.width, height: stamped.height, size: stamped.bytes.length, data: stamped.bytes, takenAt: ctx.now(), takenBy: ctx.user!.id });
  await audit(ctx, { orgId: f.canteenId, action: 'inspection.waste.recorded', entity: 'inspection_waste', entityId: row!.id, after: { date: f.date, meal: f.meal, grams, source: row!.source, collector: f.collector, licenceNo: f.licenceNo ?? null } });
  return { ...(await views(ctx, [row!]))[0]!, replayed: false };
}

/** A canteen's waste records of a period (default the last 30 days), newest first, voided ones included. */
export async function listWaste(ctx: Ctx, q: z.infer<typeof WasteQuery>) {
  ctx.access.requireCanteen(P['inspection.checklist.read'], q.canteenId);
  const to = q.to ?? today(ctx);
  const from = q.from ?? addDays(to, -29);
  const rows = await ctx.db.select().from(waste).where(and(eq(waste.orgId, q.canteenId), gte(waste.date, from), lte(waste.date, to)))
    .orderBy(desc(waste.date), desc(waste.recordedAt), desc(waste.id)).limit(1000);
  return { from, to, records: await views(ctx, rows) };
}

/** A mistaken record is voided with a reason (kept, shown struck through, left out of the sums). */
export async function voidWaste(ctx: Ctx, id: number, reason: string) {
  const [r] = await ctx.db.select().from(waste).where(eq(waste.id, id)).for('update');
  if (!r || !ctx.access.can(P['inspection.checklist.read'], r.orgId)) throw notFound(WASTE);
  ctx.access.require(P['inspection.waste.write'], r.orgId);
  if (r.voidedAt) throw conflict('waste_voided', '该记录已作废', 'This record is already voided');
  const [after] = await ctx.db.update(waste).set({ voidedAt: ctx.now(), voidedBy: ctx.user!.id, voidReason: reason }).where(eq(waste.id, id)).returning();
  await audit(ctx, { orgId: r.orgId, action: 'inspection.waste.voided', entity: 'inspection_waste', entityId: id, before: { voided: false }, after: { voided: true, reason } });
  return (await views(ctx, [after!]))[0]!;
}

/** Grams of waste per day and meal (voided records left out). */
export async function wasteByMeal(ctx: Ctx, canteenId: number, from: string, to: string) {
  const found = await ctx.db.select({ date: waste.date, meal: waste.meal, grams: sql<number>`sum(${waste.grams})::int` }).from(waste)
    .where(and(eq(waste.orgId, canteenId), gte(waste.date, from), lte(waste.date, to), isNull(waste.voidedAt)))
    .groupBy(waste.date, waste.meal);
  return found.map((r) => ({ date: r.date, meal: r.meal, grams: Number(r.grams) }));
}

/**
 * Waste per diner per day: the grams of the meals that were both weighed and sold, over the checkout's paid sales
 * (diner visits) of those meals. A day with waste but no sales (e.g. before the checkout was used) shows its grams
 * and no per-diner figure.
 */
export async function wasteTrend(ctx: Ctx, q: z.infer<typeof TrendQuery>) {
  ctx.access.requireCanteen(P['inspection.checklist.read'], q.canteenId);
  const to = today(ctx);
  const from = addDays(to, -(q.days - 1));
  const weighed = await wasteByMeal(ctx, q.canteenId, from, to);
  const sold = await paidSalesByMeal(ctx, q.canteenId, from, to);
  const sales = new Map(sold.map((s) => [`${s.date}|${s.meal}`, s.sales]));
  const days = [];
  let countedG = 0;
  let countedDiners = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const meals = weighed.filter((w) => w.date === d);
    const grams = meals.reduce((s, m) => s + m.grams, 0);
    const matched = meals.filter((m) => (sales.get(`${d}|${m.meal}`) ?? 0) > 0);
    const g = matched.reduce((s, m) => s + m.grams, 0);
    const diners = matched.reduce((s, m) => s + sales.get(`${d}|${m.meal}`)!, 0);
    countedG += g;
    countedDiners += diners;
    days.push({ date: d, grams, diners, gramsPerDiner: diners ? Math.round(g / diners) : null });
  }
  return {
    canteenId: q.canteenId, from, to, days,
    totalGrams: days.reduce((s, x) => s + x.grams, 0),
    gramsPerDiner: countedDiners ? Math.round(countedG / countedDiners) : null,
  };
}
