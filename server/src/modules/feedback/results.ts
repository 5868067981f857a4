import { and, desc, eq, gte, inArray, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../core/context.ts';
import type { Lang } from '../../core/errors.ts';
import { documentResponse, documentXlsx, type ReportDocument } from '../../core/report-document.ts';
import { P } from './permissions.ts';
import { answer, question, response, survey } from './schema.ts';
import { getSurvey, loadSurvey } from './surveys.ts';

export const ASPECT_WORDS: Record<string, { zh: string; en: string }> = {
  taste: { zh: '口味', en: 'Taste' }, variety: { zh: '品种', en: 'Variety' }, hygiene: { zh: '卫生', en: 'Hygiene' },
  service: { zh: '服务', en: 'Service' }, price: { zh: '价格', en: 'Price' }, overall: { zh: '总体', en: 'Overall' },
};

/** Mean of a 1–5 distribution to two decimals; null with no answers. */
const mean = (dist: number[]) => {
  const n = dist.reduce((a, b) => a + b, 0);
  return n ? Math.round((dist.reduce((s, c, i) => s + c * (i + 1), 0) / n) * 100) / 100 : null;
};

/** Per question: how many answered, the average and 1–5 distribution (rating), counts per option (choice), the latest texts. */
export async function surveyResults(ctx: Ctx, id: number) {
  await loadSurvey(ctx, id, P['feedback.survey.read']);
  const s = await getSurvey(ctx, id);
  const [counts, texts] = await Promise.all([
    ctx.db.select({ questionId: answer.questionId, rating: answer.rating, choice: answer.choice, n: sql<number>`count(*)::int` }).from(answer)
      .where(and(eq(answer.surveyId, id), isNull(answer.text))).groupBy(answer.questionId, answer.rating, answer.choice),
    ctx.db.select({ questionId: answer.questionId, text: answer.text, at: response.submittedAt }).from(answer).innerJoin(response, eq(response.id, answer.responseId))
      .where(and(eq(answer.surveyId, id), isNotNull(answer.text))).orderBy(desc(response.submittedAt), desc(answer.id)).limit(500),
  ]);
  const questions = s.questions.map((q) => {
    const mine = counts.filter((c) => c.questionId === q.id);
    const size = q.kind === 'rating' ? 5 : q.options.length;
    const distribution = Array.from({ length: size }, (_, i) =>
      Number(mine.find((c) => (q.kind === 'rating' ? c.rating === i + 1 : c.choice === i))?.n ?? 0));
    const said = texts.filter((x) => x.questionId === q.id).map((x) => ({ text: x.text!, at: x.at }));
    return {
      ...q,
      answered: q.kind === 'text' ? said.length : distribution.reduce((a, b) => a + b, 0),
      average: q.kind === 'rating' ? mean(distribution) : null,
      distribution: q.kind === 'text' ? [] : distribution,
      texts: said,
    };
  });
  return { survey: s, responses: s.responses, questions };
}

type Results = Awaited<ReturnType<typeof surveyResults>>;

/** The results as one printable table: a row per question, then one per option or written answer beneath it. */
export function resultsDocument(r: Results, lang: Lang, now: Date, by?: string): ReportDocument {
  const rows: ReportDocument['rows'] = [];
  for (const q of r.questions) {
    const aspect = q.aspect ? `（${ASPECT_WORDS[q.aspect]![lang]}）` : '';
    const row: ReportDocument['rows'][number] = { no: String(q.position), question: `${q.text}${aspect}`, answered: q.answered, average: q.average === null ? '' : q.average.toFixed(2) };
    if (q.kind === 'rating') q.distribution.forEach((n, i) => { row[`r${i + 1}`] = n; });
    rows.push(row);
    if (q.kind === 'choice') {
      q.options.forEach((o, i) => rows.push({ no: '', question: `  · ${o}`, answered: q.distribution[i]!, share: q.answered ? Math.round((q.distribution[i]! / q.answered) * 1000) / 10 : 0 }));
    }
    for (const x of q.texts.slice(0, 200)) rows.push({ no: '', question: `  「${x.text}」` });
  }
  const star = (n: number) => ({ zh: `${n}分`, en: `${n}★` });
  return {
    title: { zh: '满意度调查结果', en: 'Survey results' },
    subtitle: r.survey.title,
    fields: [
      { zh: '食堂', en: 'Canteen', value: r.survey.canteenName ?? '' },
      { zh: '调查时间', en: 'Period', value: `${r.survey.opensOn} ~ ${r.survey.closesOn}` },
      { zh: '参与人数', en: 'Responses', value: String(r.responses) },
    ],
    columns: [
      { key: 'no', zh: '序号', en: 'No.', kind: 'text' },
      { key: 'question', zh: '问题 / 选项 / 意见', en: 'Question / option / comment', kind: 'text', width: 4 },
      { key: 'answered', zh: '人数', en: 'Answers', kind: 'int' },
      { key: 'average', zh: '平均分', en: 'Average', kind: 'text' },
      ...[1, 2, 3, 4, 5].map((n) => ({ key: `r${n}`, ...star(n), kind: 'int' as const })),
      { key: 'share', zh: '占比', en: 'Share', kind: 'pct' },
    ],
    rows,
    generatedAt: now,
    generatedBy: by,
  };
}

export async function renderResults(ctx: Ctx, id: number, format: 'json' | 'xlsx') {
  const r = await surveyResults(ctx, id);
  if (format === 'json') return r;
  const doc = resultsDocument(r, ctx.lang, ctx.now(), ctx.user?.name);
  return documentResponse(await documentXlsx(doc, ctx.lang), 'xlsx', `${doc.title.zh} ${r.survey.title}.xlsx`);
}

/** For the disclosure: average rating per aspect over a canteen's surveys that closed on or after `since`. */
export async function aspectAverages(ctx: Ctx, canteenId: number, since: string) {
  const list = await ctx.db.select({ aspect: question.aspect, avg: sql<string>`round(avg(${answer.rating}), 2)`, n: sql<number>`count(*)::int` })
    .from(answer).innerJoin(question, eq(question.id, answer.questionId)).innerJoin(survey, eq(survey.id, answer.surveyId))
    .where(and(eq(survey.orgId, canteenId), ne(survey.status, 'draft'), gte(survey.closesOn, since), eq(question.kind, 'rating'), isNotNull(answer.rating)))
    .groupBy(question.aspect);
  const order = Object.keys(ASPECT_WORDS);
  return list.filter((r) => r.aspect).map((r) => ({ aspect: r.aspect!, average: Number(r.avg), answers: Number(r.n) }))
    .sort((a, b) => order.indexOf(a.aspect) - order.indexOf(b.aspect));
}

/** For the disclosure: a canteen's latest published or closed surveys with how many took part. */
export async function recentSurveys(ctx: Ctx, canteenId: number, limit = 3) {
  const rows = await ctx.db.select({ id: survey.id, title: survey.title, opensOn: survey.opensOn, closesOn: survey.closesOn, status: survey.status }).from(survey)
    .where(and(eq(survey.orgId, canteenId), ne(survey.status, 'draft'))).orderBy(desc(survey.closesOn), desc(survey.id)).limit(limit);
  const counts = rows.length
    ? await ctx.db.select({ surveyId: response.surveyId, n: sql<number>`count(*)::int` }).from(response).where(inArray(response.surveyId, rows.map((r) => r.id))).groupBy(response.surveyId)
    : [];
  return rows.map((r) => ({ ...r, responses: Number(counts.find((c) => c.surveyId === r.id)?.n ?? 0) }));
}
