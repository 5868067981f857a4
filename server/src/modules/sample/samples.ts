import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { personNames } from '../../core/people.ts';
import { raiseAlert, resolveAlertsWhere } from '../alert/index.ts';
import { devicesOfKind, type DeviceView } from '../../devices/index.ts';
import { dishesByIds } from '../dish/index.ts';
import { addDays, publishedDemand } from '../menu/index.ts';
import { chinaMinute, MEAL_LABEL } from './meals.ts';
import { dishKey, SAMPLE_ALERTS } from './alerts.ts';
import type { SampleInput } from './contracts.ts';
import { P } from './permissions.ts';
import { photoType } from './photo.ts';
import { cabinetEvent, photo, sample, type MEALS } from './schema.ts';
import { settingsOf } from './settings.ts';

export type Meal = (typeof MEALS)[number];
export type SampleRow = typeof sample.$inferSelect;
const WHAT = { zh: '留样记录', en: 'Sample' };
const MEAL_LETTER: Record<Meal, string> = { breakfast: 'B', lunch: 'L', dinner: 'D', late: 'N' };
const DISH_KINDS = ['meat', 'mixed', 'vegetable', 'staple', 'soup'];

export interface PlannedDish { date: string; meal: Meal; dishId: number; name: string; nameEn: string | null; kind: string }

/** The dishes of a canteen's published menu plans in a date range, in menu order by kind then name. */
export async function plannedDishes(ctx: Ctx, canteenId: number, from: string, to: string): Promise<PlannedDish[]> {
  const rows = await publishedDemand(ctx, canteenId, from, to);
  const dishes = await dishesByIds(ctx, [...new Set(rows.map((r) => r.dishId))]);
  const seen = new Set<string>();
  const out: PlannedDish[] = [];
  for (const r of rows) {
    const k = `${r.date}|${r.meal}|${r.dishId}`;
    if (seen.has(k)) continue;
    seen.add(k);
    const d = dishes.get(r.dishId);
    out.push({ date: r.date, meal: r.meal as Meal, dishId: r.dishId, name: d?.name ?? `#${r.dishId}`, nameEn: d?.nameEn || null, kind: d?.kind ?? 'mixed' });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || DISH_KINDS.indexOf(a.kind) - DISH_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name, 'zh'));
}

/** A sample as the pages show it. */
export interface SampleView {
  id: number; canteenId: number; date: string; meal: Meal; dishId: number; dishName: string;
  grams: number; minGrams: number; light: boolean; weighedBy: 'cabinet' | 'typed';
  keptAt: Date; keeperId: number | null; keeperName: string | null;
  deviceId: number | null; deviceCode: string | null; slot: number | null; labelCode: string;
  discardAfter: Date; removedAt: Date | null; discardedAt: Date | null; discardedByName: string | null; discardReason: string | null;
  /** Taken out of the cabinet or discarded before `discardAfter`. */
  early: boolean;
  status: 'kept' | 'removed' | 'discarded';
  hasPhoto: boolean; note: string; replayed?: boolean;
}

export async function sampleViews(ctx: Ctx, rows: SampleRow[]): Promise<SampleView[]> {
  if (!rows.length) return [];
  const names = await personNames(ctx.db, rows.flatMap((r) => [r.keeperId, r.discardedBy]));
  const photos = new Set((await ctx.db.select({ id: photo.sampleId }).from(photo).where(inArray(photo.sampleId, rows.map((r) => r.id)))).map((p) => p.id));
  const cabinets = new Map<number, DeviceView>();
  for (const orgId of new Set(rows.filter((r) => r.deviceId).map((r) => r.orgId))) {
    for (const d of await devicesOfKind(ctx, orgId, 'sample_cabinet')) cabinets.set(d.id, d);
  }
  return rows.map((r) => {
    const endedAt = r.removedAt ?? r.discardedAt;
    return {
      id: r.id, canteenId: r.orgId, date: r.date, meal: r.meal, dishId: r.dishId, dishName: r.dishName,
      grams: r.grams, minGrams: r.minGrams, light: r.grams < r.minGrams, weighedBy: r.weighedBy,
      keptAt: r.keptAt, keeperId: r.keeperId, keeperName: r.keeperId ? names.get(r.keeperId) ?? null : null,
      deviceId: r.deviceId, deviceCode: r.deviceId ? cabinets.get(r.deviceId)?.code ?? null : null, slot: r.slot, labelCode: r.labelCode,
      discardAfter: r.discardAfter, removedAt: r.removedAt, discardedAt: r.discardedAt,
      discardedByName: r.discardedBy ? names.get(r.discardedBy) ?? null : null, discardReason: r.discardReason,
      early: !!endedAt && endedAt.getTime() < r.discardAfter.getTime(),
      status: r.discardedAt ? 'discarded' : r.removedAt ? 'removed' : 'kept',
      hasPhoto: photos.has(r.id), note: r.note,
    };
  });
}

/** A sample the caller may read (404 otherwise: other canteens' ids are never confirmed), optionally locked. */
export async function loadSample(ctx: Ctx, id: number, permission: string = P['sample.sample.read'], lock = false): Promise<SampleRow> {
  const q = ctx.db.select().from(sample).where(eq(sample.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !ctx.access.can(P['sample.sample.read'], row.orgId)) throw notFound(WHAT);
  ctx.access.require(permission, row.orgId);
  return row;
}

export async function getSample(ctx: Ctx, id: number): Promise<SampleView> {
  return (await sampleViews(ctx, [await loadSample(ctx, id)]))[0]!;
}

/** LY-<canteen code>-<yyyymmdd>-<B|L|D|N>-<nn>, numbered per canteen, day and meal. */
async function nextLabel(ctx: Ctx, canteenId: number, date: string, meal: Meal): Promise<string> {
  const head = `LY-${ctx.tree.get(canteenId)!.code}-${date.replaceAll('-', '')}-${MEAL_LETTER[meal]}-`;
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${head}))`);
  const [last] = await ctx.db.select({ code: sample.labelCode }).from(sample).where(sql`${sample.labelCode} like ${`${head}%`}`)
    .orderBy(sql`length(${sample.labelCode}) desc`, desc(sample.labelCode)).limit(1);
  const seq = last ? Number(last.code.slice(head.length)) + 1 : 1;
  return `${head}${String(seq).padStart(2, '0')}`;
}

/** The box now in a cabinet slot (kept, not taken out, not discarded), if any. */
export async function sampleInSlot(ctx: Ctx, deviceId: number, slot: number): Promise<SampleRow | null> {
  const [row] = await ctx.db.select().from(sample)
    .where(and(eq(sample.deviceId, deviceId), eq(sample.slot, slot), isNull(sample.removedAt), isNull(sample.discardedAt)))
    .orderBy(desc(sample.keptAt)).limit(1);
  return row ?? null;
}

/** A weighing the cabinet reported in this slot that nobody has named yet (newest first). */
async function pendingPlacement(ctx: Ctx, canteenId: number, where: { id: number } | { deviceId: number; slot: number }) {
  const conds = [eq(cabinetEvent.orgId, canteenId), eq(cabinetEvent.event, 'placed'), isNull(cabinetEvent.sampleId), eq(cabinetEvent.withdrawn, false)];
  if ('id' in where) conds.push(eq(cabinetEvent.id, where.id));
  else conds.push(eq(cabinetEvent.deviceId, where.deviceId), eq(cabinetEvent.slot, where.slot));
  const [row] = await ctx.db.select().from(cabinetEvent).where(and(...conds)).orderBy(desc(cabinetEvent.at)).limit(1).for('update');
  return row ?? null;
}

/**
 * Raises the light-sample alert for a box under the minimum, unless a proper box of that dish is
 * already kept; a proper box resolves both the light and the missing alert of its dish.
 */
export async function judgeWeight(ctx: Ctx, row: SampleRow): Promise<void> {
  const key = dishKey(row.date, row.meal, row.dishId);
  await resolveAlertsWhere(ctx, { orgId: row.orgId, kind: SAMPLE_ALERTS['sample.missing'].key, keys: [key] });
  if (row.grams >= row.minGrams) {
    await resolveAlertsWhere(ctx, { orgId: row.orgId, kind: SAMPLE_ALERTS['sample.light'].key, keys: [key] });
    return;
  }
  const [proper] = await ctx.db.select({ id: sample.id }).from(sample).where(and(
    eq(sample.orgId, row.orgId), eq(sample.date, row.date), eq(sample.meal, row.meal), eq(sample.dishId, row.dishId),
    sql`${sample.grams} >= ${sample.minGrams}`, isNull(sample.discardedAt)));
  if (proper) return;
  const m = MEAL_LABEL[row.meal];
  await raiseAlert(ctx, {
    orgId: row.orgId, kind: SAMPLE_ALERTS['sample.light'].key, key,
    titleZh: `${row.date} ${m.zh}「${row.dishName}」留样仅 ${row.grams} 克，不足 ${row.minGrams} 克`,
    titleEn: `Sample of ${row.dishName} (${m.en}, ${row.date}) is ${row.grams} g, below ${row.minGrams} g`,
    detail: { sampleId: row.id, labelCode: row.labelCode, dishId: row.dishId, dishName: row.dishName, grams: row.grams, minGrams: row.minGrams, weighedBy: row.weighedBy },
    link: { entity: 'sample', id: row.id, path: `/samples?date=${row.date}` },
  });
}

/** Raises the critical alert of a box taken out of its cabinet or discarded before its time is up. */
export async function alertEarly(ctx: Ctx, row: SampleRow, how: 'removed' | 'discarded', at: Date): Promise<void> {
  const m = MEAL_LABEL[row.meal];
  const hoursKept = Math.round(((at.getTime() - row.keptAt.getTime()) / 3600_000) * 10) / 10;
  await raiseAlert(ctx, {
    orgId: row.orgId, kind: SAMPLE_ALERTS['sample.early_discard'].key, key: `sample:${row.id}`,
    titleZh: `「${row.dishName}」留样（${row.date} ${m.zh}，${row.labelCode}）只留了 ${hoursKept} 小时就被${how === 'removed' ? '从留样柜取出' : '销毁'}，应留到 ${chinaMinute(row.discardAfter)}`,
    titleEn: `Sample of ${row.dishName} (${m.en}, ${row.date}, ${row.labelCode}) was ${how === 'removed' ? 'taken out of the cabinet' : 'discarded'} after ${hoursKept} h; it must be kept until ${chinaMinute(row.discardAfter)}`,
    detail: { sampleId: row.id, labelCode: row.labelCode, how, at: at.toISOString(), discardAfter: row.discardAfter.toISOString(), deviceId: row.deviceId, slot: row.slot },
    link: { entity: 'sample', id: row.id, path: `/samples?date=${row.date}` },
  });
}

export interface PhotoUpload { bytes: Buffer; type?: string }

async function savePhoto(ctx: Ctx, sampleId: number, upload: PhotoUpload): Promise<void> {
  const type = photoType(upload.bytes);
  const values = { type, bytes: upload.bytes, takenAt: ctx.now(), takenBy: ctx.user?.id ?? null };
  await ctx.db.insert(photo).values({ sampleId, ...values }).onConflictDoUpdate({ target: photo.sampleId, set: values });
}

/**
 * Keeps one sample box. Posted once per request key: a retry returns the first sample. The dish
 * must be on the day's published menu for that meal; the weight is the cabinet's when the keeper
 * names a weighing it reported (the scale is trusted over a typed number), else the typed one.
 */
export async function recordSample(ctx: Ctx, input: SampleInput, upload?: PhotoUpload): Promise<SampleView> {
  ctx.access.requireCanteen(P['sample.sample.write'], input.canteenId);
  if (upload) photoType(upload.bytes);
  const replay = async () => {
    const [prior] = await ctx.db.select().from(sample).where(eq(sample.requestKey, input.requestKey));
    if (!prior) return null;
    if (prior.orgId !== input.canteenId || prior.meal !== input.meal || prior.dishId !== input.dishId) {
      throw conflict('request_key_reused', '该请求编号已用于另一份留样', 'This request key was already used for another sample');
    }
    return { ...(await sampleViews(ctx, [prior]))[0]!, replayed: true };
  };
  const first = await replay();
  if (first) return first;

  const now = ctx.now();
  const today = chinaDate(now);
  const date = input.date ?? today;
  if (date > today || date < addDays(today, -1)) {
    throw invalid('sample_date', '只能登记今天或昨天（夜宵）的留样', 'Samples are recorded for today, or yesterday for a late meal');
  }
  const dish = (await plannedDishes(ctx, input.canteenId, date, date)).find((d) => d.meal === input.meal && d.dishId === input.dishId);
  if (!dish) {
    const m = MEAL_LABEL[input.meal];
    throw invalid('dish_not_on_menu', `${date} ${m.zh}已发布的菜单中没有该菜品`, `That dish is not on the published ${m.en} menu of ${date}`);
  }
  const settings = await settingsOf(ctx, input.canteenId);

  let grams = input.grams ?? 0;
  let weighedBy: 'cabinet' | 'typed' = 'typed';
  let keptAt = now;
  let deviceId = input.deviceId ?? null;
  let slot = input.slot ?? null;
  let placement: typeof cabinetEvent.$inferSelect | null = null;
  if (input.cabinetEventId !== undefined) {
    placement = await pendingPlacement(ctx, input.canteenId, { id: input.cabinetEventId });
    if (!placement) throw conflict('weighing_gone', '这次称重已被登记或已取出，请刷新', 'That weighing was already named or taken out; refresh');
  } else if (deviceId !== null && slot !== null) {
    const cabinets = await devicesOfKind(ctx, input.canteenId, 'sample_cabinet');
    if (!cabinets.some((c) => c.id === deviceId)) throw invalid('cabinet_unknown', '本食堂没有这个留样柜', 'This canteen has no such sample cabinet');
    placement = await pendingPlacement(ctx, input.canteenId, { deviceId, slot });
  }
  if (placement) {
    grams = placement.grams ?? 0;
    weighedBy = 'cabinet';
    keptAt = placement.at;
    deviceId = placement.deviceId;
    slot = placement.slot;
    if (grams <= 0) throw invalid('weighing_empty', '留样柜这次称重为 0 克，请重新放入', 'The cabinet weighed 0 g; put the box in again');
  }
  if (deviceId !== null && slot !== null && !placement) {
    const taken = await sampleInSlot(ctx, deviceId, slot);
    if (taken) throw conflict('slot_taken', `${slot} 号格口已有留样 ${taken.labelCode}`, `Slot ${slot} already holds sample ${taken.labelCode}`);
  }

  const labelCode = await nextLabel(ctx, input.canteenId, date, input.meal);
  const [row] = await ctx.db.insert(sample).values({
    orgId: input.canteenId, date, meal: input.meal, dishId: dish.dishId, dishName: dish.name,
    grams, weighedBy, minGrams: settings.minGrams, keptAt, keeperId: ctx.user?.id ?? null, deviceId, slot, labelCode,
    discardAfter: new Date(keptAt.getTime() + settings.keepHours * 3600_000), note: input.note, requestKey: input.requestKey,
    createdAt: now, createdBy: ctx.user?.id ?? null,
  }).onConflictDoNothing({ target: sample.requestKey }).returning();
  if (!row) return (await replay())!; // the same request, committed concurrently
  if (placement) await ctx.db.update(cabinetEvent).set({ sampleId: row.id }).where(eq(cabinetEvent.id, placement.id));
  if (upload) await savePhoto(ctx, row.id, upload);
  await audit(ctx, {
    orgId: row.orgId, action: 'sample.recorded', entity: 'sample', entityId: row.id,
    after: { labelCode, date, meal: row.meal, dish: row.dishName, grams, weighedBy, deviceId, slot, discardAfter: row.discardAfter.toISOString(), photo: !!upload },
  });
  await judgeWeight(ctx, row);
  return (await sampleViews(ctx, [row]))[0]!;
}

/** Adds or replaces the photo of a sample (the phone retries an upload that failed). */
export async function addSamplePhoto(ctx: Ctx, id: number, upload: PhotoUpload) {
  const row = await loadSample(ctx, id, P['sample.sample.write'], true);
  await savePhoto(ctx, id, upload);
  await audit(ctx, { orgId: row.orgId, action: 'sample.photo_added', entity: 'sample', entityId: id, after: { bytes: upload.bytes.length } });
  return (await sampleViews(ctx, [row]))[0]!;
}

export async function samplePhoto(ctx: Ctx, id: number): Promise<{ bytes: Buffer; type: string }> {
  await loadSample(ctx, id);
  const [p] = await ctx.db.select({ bytes: photo.bytes, type: photo.type }).from(photo).where(eq(photo.sampleId, id));
  if (!p) throw notFound({ zh: '留样照片', en: 'Sample photo' });
  return p;
}

/**
 * Discards a sample (销毁). Before its keeping time is up this is allowed — a box can break — but
 * raises the critical early-discard alert; the reason is always recorded.
 */
export async function discardSample(ctx: Ctx, id: number, reason: string): Promise<SampleView> {
  const row = await loadSample(ctx, id, P['sample.sample.write'], true);
  if (row.discardedAt) throw conflict('already_discarded', `留样 ${row.labelCode} 已于 ${chinaMinute(row.discardedAt)} 销毁`, `Sample ${row.labelCode} was discarded at ${chinaMinute(row.discardedAt)}`);
  const now = ctx.now();
  const [after] = await ctx.db.update(sample).set({ discardedAt: now, discardedBy: ctx.user?.id ?? null, discardReason: reason }).where(eq(sample.id, id)).returning();
  const early = now.getTime() < row.discardAfter.getTime();
  await audit(ctx, { orgId: row.orgId, action: 'sample.discarded', entity: 'sample', entityId: id, before: { discardedAt: null }, after: { discardedAt: now.toISOString(), reason, early } });
  // Taken out early by the cabinet already: that alert stands; discarding adds nothing new.
  if (early && !row.removedAt) await alertEarly(ctx, row, 'discarded', now);
  return (await sampleViews(ctx, [after!]))[0]!;
}

/** Samples still kept whose keeping time is up by the end of `date` (the keeper's discard list), earliest first. */
export async function dueForDiscard(ctx: Ctx, canteenId: number, date?: string) {
  ctx.access.requireCanteen(P['sample.sample.read'], canteenId);
  const day = date ?? chinaDate(ctx.now());
  const endOfDay = new Date(`${addDays(day, 1)}T00:00:00+08:00`);
  const rows = await ctx.db.select().from(sample)
    .where(and(eq(sample.orgId, canteenId), isNull(sample.discardedAt), sql`${sample.discardAfter} < ${endOfDay}`))
    .orderBy(asc(sample.discardAfter), asc(sample.id)).limit(500);
  const now = ctx.now().getTime();
  return (await sampleViews(ctx, rows)).map((s) => ({ ...s, ready: s.discardAfter.getTime() <= now }));
}

