import type { Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { documentPdf, documentResponse, documentXlsx, totalsRow, type ReportDocument } from '../../core/report-document.ts';
import { costingPermissions } from '../costing/index.ts';
import { CATEGORY_LABELS, CATEGORY_LABELS_EN } from '../ingredient/index.ts';
import type { ReportKey, ReportQuery } from './contracts.ts';
import { P } from './permissions.ts';
import { REPORTS } from './reports.ts';

/** The canteens a report covers: the one named, or every canteen the caller may see (and, for revenue, see costs of). */
function canteensFor(ctx: Ctx, key: ReportKey, canteenId?: number): number[] {
  if (canteenId) {
    ctx.access.requireCanteen(P['report.report.read'], canteenId);
    return [canteenId];
  }
  const costing = new Set(ctx.access.canteens(costingPermissions['costing.costing.read']));
  const list = ctx.access.canteens(P['report.report.read']).filter((id) => !REPORTS[key].needsSales || costing.has(id));
  if (!list.length) throw new AppError(403, 'forbidden', '没有可查看该报表的食堂', 'There is no canteen whose report you may see');
  return list;
}

export async function buildReport(ctx: Ctx, key: ReportKey, q: ReportQuery): Promise<ReportDocument> {
  const canteenIds = canteensFor(ctx, key, q.canteenId);
  const body = await REPORTS[key].build(ctx, { canteenIds, from: q.from, to: q.to, category: q.category });
  const names = canteenIds.map((id) => ctx.tree.get(id)?.name).join(ctx.lang === 'en' ? ', ' : '、');
  const category = q.category ? `  ${(ctx.lang === 'en' ? CATEGORY_LABELS_EN : CATEGORY_LABELS)[q.category]}` : '';
  const subtitle = `${names}  ${q.from} ${ctx.lang === 'en' ? 'to' : '至'} ${q.to}${category}`;
  return { ...body, footnote: body.footnote?.[ctx.lang], subtitle, generatedAt: ctx.now(), generatedBy: ctx.user?.name };
}

/** The same document on screen (JSON with its totals row), in Excel and in PDF. */
export async function renderReport(ctx: Ctx, key: ReportKey, q: ReportQuery) {
  const doc = await buildReport(ctx, key, q);
  const file = `${doc.title.zh} ${q.from}~${q.to}`;
  if (q.format === 'xlsx') return documentResponse(await documentXlsx(doc, ctx.lang), 'xlsx', `${file}.xlsx`);
  if (q.format === 'pdf') return documentResponse(await documentPdf(doc, ctx.lang), 'pdf', `${file}.pdf`);
  return { key, ...doc, totalsRow: totalsRow(doc, ctx.lang) ?? null };
}
