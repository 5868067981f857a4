import { and, asc, desc, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import { personNames } from '../../core/people.ts';
import { paidSalesByMeal } from '../checkout/index.ts';
import { itemsOf } from './templates.ts';
import { photo, run, task, template } from './schema.ts';
import { wasteByMeal } from './waste.ts';

/** How far back the open-kitchen page may show inspection photos. */
const OPEN_KITCHEN_DAYS = 7;
const LATEST = 10;

export interface InspectionDay {
  tasks: number;
  done: number;
  overdue: number;
  closed: boolean;
  wasteG: number;
  diners: number;
  latest: { taskId: number; block: string; title: string; doneAt: string; byName: string | null; result: string; photoIds: number[] }[];
}

/**
 * One canteen's day at a glance, for the lead's pages (open kitchen, day summaries). No permission check: the caller
 * decides who sees it. Before today's run is issued, the checklist's lines count as open tasks.
 */
export async function inspectionDay(ctx: Ctx, canteenId: number, date: string): Promise<InspectionDay> {
  const [r] = await ctx.db.select().from(run).where(and(eq(run.orgId, canteenId), eq(run.date, date)));
  let counts = { tasks: 0, done: 0, overdue: 0 };
  if (r) {
    const [c] = await ctx.db.select({
      tasks: sql<number>`count(*)::int`,
      done: sql<number>`count(*) filter (where ${task.status} = 'done')::int`,
      overdue: sql<number>`count(*) filter (where ${task.status} = 'open' and ${task.deadlineAt} < ${ctx.now()})::int`,
    }).from(task).where(eq(task.runId, r.id));
    counts = { tasks: Number(c!.tasks), done: Number(c!.done), overdue: Number(c!.overdue) };
  } else {
    const [t] = await ctx.db.select().from(template).where(eq(template.orgId, canteenId));
    if (t) counts.tasks = (await itemsOf(ctx, t.id)).length;
  }
  const doneRows = r
    ? await ctx.db.select().from(task).where(and(eq(task.runId, r.id), eq(task.status, 'done'), isNotNull(task.doneAt))).orderBy(desc(task.doneAt), desc(task.id)).limit(LATEST)
    : [];
  const photos = doneRows.length
    ? await ctx.db.select({ id: photo.id, taskId: photo.taskId }).from(photo).where(inArray(photo.taskId, doneRows.map((t) => t.id))).orderBy(asc(photo.id))
    : [];
  const names = await personNames(ctx.db, doneRows.map((t) => t.doneBy));
  const weighed = await wasteByMeal(ctx, canteenId, date, date);
  const sold = await paidSalesByMeal(ctx, canteenId, date, date);
  return {
    ...counts,
    closed: r?.status === 'closed',
    wasteG: weighed.reduce((s, w) => s + w.grams, 0),
    diners: sold.reduce((s, x) => s + x.sales, 0),
    latest: doneRows.map((t) => ({
      taskId: t.id, block: t.block, title: t.title, doneAt: t.doneAt!.toISOString(), byName: t.doneBy ? names.get(t.doneBy) ?? null : null,
      result: t.result!, photoIds: photos.filter((p) => p.taskId === t.id).map((p) => p.id),
    })),
  };
}

/**
 * A checklist photo of this canteen from the last 7 days for the open-kitchen page (阳光厨房), shown to
 * diners by the open-kitchen route: no permission check here. Waste photos and older ones are not given out.
 */
export async function inspectionPhotoForOpenKitchen(ctx: Ctx, canteenId: number, photoId: number): Promise<{ bytes: Buffer; type: string } | null> {
  const since = new Date(ctx.now().getTime() - OPEN_KITCHEN_DAYS * 86_400_000);
  const [p] = await ctx.db.select({ data: photo.data, mime: photo.mime }).from(photo)
    .where(and(eq(photo.id, photoId), isNotNull(photo.taskId), gte(photo.takenAt, since), eq(photo.orgId, canteenId)));
  return p ? { bytes: p.data, type: p.mime } : null;
}
