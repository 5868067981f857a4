import { eq, sql } from 'drizzle-orm';
import { audit } from '../../core/audit.ts';
import type { Ctx, Platform } from '../../core/context.ts';
import { rows } from '../../core/db.ts';
import { AppError } from '../../core/errors.ts';
import { requireDishesUsableBy } from '../dish/index.ts';
import { boardFor, mealAt } from './board.ts';
import { P } from './permissions.ts';
import { dishFeatures, FeatureRecognizer, TRAY_LAYOUTS } from './recognizer/recognizer.ts';
import { recognitionSample } from './schema.ts';

export type TrayLayoutName = keyof typeof TRAY_LAYOUTS | 'single';

/** One recogniser per canteen, built from its stored features and rebuilt when a sample is added. */
const recognizers = new WeakMap<Platform, Map<number, Promise<FeatureRecognizer>>>();

function recognizerFor(ctx: Ctx, canteenId: number): Promise<FeatureRecognizer> {
  let cache = recognizers.get(ctx.platform);
  if (!cache) recognizers.set(ctx.platform, (cache = new Map()));
  let r = cache.get(canteenId);
  if (!r) {
    r = ctx.db.select({ dishId: recognitionSample.dishId, features: recognitionSample.features }).from(recognitionSample)
      .where(eq(recognitionSample.orgId, canteenId))
      .then((list) => FeatureRecognizer.fromFeatures(list));
    cache.set(canteenId, r);
    r.catch(() => cache.delete(canteenId));
  }
  return r;
}

/** A photo of a dish as this canteen serves it: its features are kept (not the photo) and the canteen's recogniser learns it. */
export async function registerSample(ctx: Ctx, canteenId: number, dishId: number, image: Uint8Array) {
  ctx.access.requireCanteen(P['checkout.recognition.write'], canteenId);
  await requireDishesUsableBy(ctx, canteenId, [dishId]);
  const features = dishFeatures(image);
  const [row] = await ctx.db.insert(recognitionSample).values({ orgId: canteenId, dishId, features, source: 'registered', createdBy: ctx.user?.id ?? null, createdAt: ctx.now() })
    .returning({ id: recognitionSample.id });
  recognizers.get(ctx.platform)?.delete(canteenId);
  await audit(ctx, { orgId: canteenId, action: 'checkout.recognition_sample_added', entity: 'checkout_recognition_sample', entityId: row!.id, after: { dishId } });
  return { id: row!.id, dishId, samples: (await sampleCounts(ctx, canteenId)).find((s) => s.dishId === dishId)?.samples ?? 1 };
}

export async function sampleCounts(ctx: Ctx, canteenId: number) {
  ctx.access.requireCanteen(P['checkout.sale.read'], canteenId);
  const list = await ctx.db.select({ dishId: recognitionSample.dishId, n: sql<number>`count(*)::int` }).from(recognitionSample)
    .where(eq(recognitionSample.orgId, canteenId)).groupBy(recognitionSample.dishId);
  return list.map((r) => ({ dishId: r.dishId, samples: r.n }));
}

/**
 * Recognises the dishes on a tray photo among the current meal's menu only (the closed set is what
 * makes it reliable enough, domain-facts.md), one ranking per compartment for one-tap correction.
 */
export async function recognize(ctx: Ctx, input: { canteenId: number; image: string; layout: TrayLayoutName }) {
  ctx.access.requireCanteen(P['checkout.sale.write'], input.canteenId);
  const bytes = Buffer.from(input.image.replace(/^data:image\/[a-z]+;base64,/, ''), 'base64');
  if (bytes.length < 32) throw new AppError(400, 'image_missing', '没有收到照片', 'No photo received');
  const { date, meal } = mealAt(ctx.now());
  const board = await boardFor(ctx, input.canteenId, date, meal);
  const candidates = board.dishes.map((d) => d.dishId);
  const recognizer = await recognizerFor(ctx, input.canteenId);
  const known = recognizer.sampleCounts();
  if (!candidates.some((id) => known.has(id))) {
    throw new AppError(409, 'recognition_not_trained', '本餐菜品还没有登记识别样本，请点选菜品', "No dish of this meal has recognition samples yet; tap the dishes instead");
  }
  const regions = input.layout === 'single'
    ? [{ index: 0, empty: false, candidates: await recognizer.recognize(bytes, candidates, 3) }]
    : (await recognizer.recognizeTray(bytes, candidates, { layout: TRAY_LAYOUTS[input.layout], topK: 3 })).map((r) => ({ index: r.index, empty: r.empty, candidates: r.results }));
  return { date, meal, regions };
}

/** How often the station's first guess was kept: recognised lines sold, and how many were corrected. */
export async function recognitionStats(ctx: Ctx, canteenId: number, from: string, to: string) {
  ctx.access.requireCanteen(P['checkout.sale.read'], canteenId);
  const [r] = await rows<{ lines: number; corrected: number }>(ctx.db, sql`
    select (select count(*)::int from checkout_sale_line l join checkout_sale s on s.id = l.sale_id
            where s.org_id = ${canteenId} and s.business_date between ${from}::date and ${to}::date and l.how = 'recognize') as lines,
           (select count(*)::int from checkout_recognition_log g join checkout_sale s on s.id = g.sale_id
            where g.org_id = ${canteenId} and s.business_date between ${from}::date and ${to}::date and g.suggested_dish_id <> g.chosen_dish_id) as corrected`);
  return { lines: r!.lines, corrected: r!.corrected, keptShare: r!.lines ? 1 - r!.corrected / r!.lines : null };
}
