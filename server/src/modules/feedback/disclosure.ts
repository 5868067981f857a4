import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { addDays, publishedMenus } from '../menu/index.ts';
import { inspectionSummary } from '../stock/index.ts';
import { suppliersUsableBy } from '../supplier/index.ts';
import { bureauCanteen, bureauCanteens } from '../../core/bureau-canteens.ts';
import { feedbackCounts } from './feedback.ts';
import { aspectAverages, recentSurveys } from './results.ts';

/** Days of receiving inspections and of feedback the disclosure shows; survey averages cover a year. */
export const DISCLOSURE_DAYS = 30;
const SURVEY_DAYS = 365;

export const disclosureCanteens = async (ctx: Ctx) => bureauCanteens(ctx).map((c) => ({ id: c.id, name: c.name }));

/**
 * 阳光公示 of one canteen, for anyone signed in to its bureau: today's published menu with prices, the
 * suppliers that delivered and how their deliveries fared at inspection, what diners rated and how the
 * canteen answered their feedback.
 */
export async function disclosure(ctx: Ctx, canteenId: number) {
  const canteen = bureauCanteen(ctx, canteenId);
  const today = chinaDate(ctx.now());
  const from = addDays(today, -(DISCLOSURE_DAYS - 1));
  const [menus, inspections, aspects, surveys, feedback] = await Promise.all([
    publishedMenus(ctx, { date: today, canteenId }),
    inspectionSummary(ctx, { canteenId, from, to: today }),
    aspectAverages(ctx, canteenId, addDays(today, -SURVEY_DAYS)),
    recentSurveys(ctx, canteenId),
    feedbackCounts(ctx, canteenId, new Date(`${from}T00:00:00+08:00`)),
  ]);
  const suppliers = await suppliersUsableBy(ctx, canteenId, inspections.flatMap((i) => (i.supplierId === null ? [] : [i.supplierId])));
  return {
    canteen: { id: canteen.id, name: canteen.name },
    date: today,
    menu: (menus[0]?.meals ?? []).map((m) => ({ meal: m.meal, dishes: m.dishes.map((d) => ({ dishId: d.dishId, name: d.name, nameEn: d.nameEn, kind: d.kind, priceFen: d.priceFen, portionG: d.portionG })) })),
    inspections: {
      from,
      to: today,
      suppliers: inspections.map((i) => {
        const s = i.supplierId === null ? undefined : suppliers.get(i.supplierId);
        return { ...i, name: s?.name ?? null, code: s?.code ?? null };
      }),
    },
    surveys: { since: addDays(today, -SURVEY_DAYS), aspects, recent: surveys },
    feedback: { from, ...feedback },
  };
}
