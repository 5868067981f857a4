import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit } from '../../core/audit.ts';
import type { Ctx } from '../../core/context.ts';
import { chinaDate } from '../../core/doc-number.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { bureauCanteen, bureauCanteens } from '../../core/bureau-canteens.ts';
import { staffCanteens } from './bureau.ts';
import type { AnswerInput, SurveyCreate, SurveyUpdate } from './contracts.ts';
import { P } from './permissions.ts';
import { answer, question, response, survey } from './schema.ts';

export const SURVEY = { zh: '满意度调查', en: 'Survey' };
const STAFF = [P['feedback.survey.read'], P['feedback.survey.manage']];

type SurveyRow = typeof survey.$inferSelect;
type QuestionRow = typeof question.$inferSelect;

const inIds = (ids: number[]) => (ids.length ? ids : [-1]);

async function questionsOf(ctx: Ctx, surveyIds: number[]): Promise<Map<number, QuestionRow[]>> {
  const list = await ctx.db.select().from(question).where(inArray(question.surveyId, inIds(surveyIds))).orderBy(asc(question.surveyId), asc(question.position));
  const out = new Map<number, QuestionRow[]>();
  for (const q of list) out.set(q.surveyId, [...(out.get(q.surveyId) ?? []), q]);
  return out;
}

async function responseCounts(ctx: Ctx, surveyIds: number[]): Promise<Map<number, number>> {
  const list = await ctx.db.select({ surveyId: response.surveyId, n: sql<number>`count(*)::int` }).from(response)
    .where(inArray(response.surveyId, inIds(surveyIds))).groupBy(response.surveyId);
  return new Map(list.map((r) => [r.surveyId, Number(r.n)]));
}

const publicQuestion = (q: QuestionRow) => ({ id: q.id, position: q.position, kind: q.kind, aspect: q.aspect, text: q.text, options: q.options, required: q.required });

/** Surveys with their canteen's name, questions and number of answers. */
async function surveyViews(ctx: Ctx, rows: SurveyRow[]) {
  const ids = rows.map((s) => s.id);
  const [questions, counts] = await Promise.all([questionsOf(ctx, ids), responseCounts(ctx, ids)]);
  return rows.map((s) => ({
    ...s,
    canteenName: ctx.tree.get(s.orgId)?.name ?? null,
    questions: (questions.get(s.id) ?? []).map(publicQuestion),
    responses: counts.get(s.id) ?? 0,
  }));
}

/** The survey as the canteen side sees it: 404 unless the caller may read or manage its canteen's surveys, 403 without `permission`. */
export async function loadSurvey(ctx: Ctx, id: number, permission?: string, lock = false): Promise<SurveyRow> {
  const q = ctx.db.select().from(survey).where(eq(survey.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !STAFF.some((p) => ctx.access.can(p, row.orgId))) throw notFound(SURVEY);
  if (permission) ctx.access.require(permission, row.orgId);
  return row;
}

export async function listSurveys(ctx: Ctx, q: { canteenId?: number }) {
  const rows = await ctx.db.select().from(survey).where(inArray(survey.orgId, inIds(staffCanteens(ctx, STAFF, q.canteenId))))
    .orderBy(desc(survey.opensOn), desc(survey.id)).limit(200);
  return surveyViews(ctx, rows);
}

export async function getSurvey(ctx: Ctx, id: number) {
  return (await surveyViews(ctx, [await loadSurvey(ctx, id)]))[0]!;
}

type SurveyFields = z.infer<typeof SurveyUpdate>;

async function insertQuestions(ctx: Ctx, s: { id: number; orgId: number }, questions: SurveyFields['questions']) {
  await ctx.db.insert(question).values(questions.map((q, i) => ({
    orgId: s.orgId, surveyId: s.id, position: i + 1, kind: q.kind, text: q.text, required: q.required,
    aspect: q.kind === 'rating' ? q.aspect : null, options: q.kind === 'choice' ? q.options : [],
  })));
}

export async function createSurvey(ctx: Ctx, input: z.infer<typeof SurveyCreate>) {
  ctx.access.requireCanteen(P['feedback.survey.manage'], input.canteenId);
  const { canteenId, questions, ...fields } = input;
  const now = ctx.now();
  const [row] = await ctx.db.insert(survey).values({ ...fields, orgId: canteenId, createdBy: ctx.user!.id, createdAt: now, updatedAt: now }).returning();
  await insertQuestions(ctx, row!, questions);
  await audit(ctx, { orgId: canteenId, action: 'feedback.survey.created', entity: 'survey', entityId: row!.id, after: input });
  return getSurvey(ctx, row!.id);
}

const notDraft = (s: SurveyRow) => conflict('survey_not_draft', s.status === 'closed' ? '调查已结束，不能再修改' : '调查已发布，不能再修改问题',
  s.status === 'closed' ? 'The survey is closed and can no longer change' : 'The survey is published; its questions can no longer change');

/** A draft's title, period and questions; the questions are replaced as a whole. */
export async function updateSurvey(ctx: Ctx, id: number, input: SurveyFields) {
  const row = await loadSurvey(ctx, id, P['feedback.survey.manage'], true);
  if (row.status !== 'draft') throw notDraft(row);
  const before = await getSurvey(ctx, id);
  const { questions, ...fields } = input;
  await ctx.db.update(survey).set({ ...fields, updatedAt: ctx.now() }).where(eq(survey.id, id));
  await ctx.db.delete(question).where(eq(question.surveyId, id));
  await insertQuestions(ctx, row, questions);
  await audit(ctx, { orgId: row.orgId, action: 'feedback.survey.updated', entity: 'survey', entityId: id,
    before: { title: before.title, intro: before.intro, opensOn: before.opensOn, closesOn: before.closesOn, questions: before.questions }, after: input });
  return getSurvey(ctx, id);
}

/** Diners see it from its opening day; a period already over cannot be published. */
export async function publishSurvey(ctx: Ctx, id: number) {
  const row = await loadSurvey(ctx, id, P['feedback.survey.manage'], true);
  if (row.status !== 'draft') throw conflict('survey_not_draft', '调查已发布或已结束', 'The survey is already published or closed');
  if (row.closesOn < chinaDate(ctx.now())) throw invalid('survey_period_over', '调查的结束日期已过，请先修改日期', 'The survey closes in the past; change its dates first');
  await ctx.db.update(survey).set({ status: 'published', publishedAt: ctx.now(), updatedAt: ctx.now() }).where(eq(survey.id, id));
  await audit(ctx, { orgId: row.orgId, action: 'feedback.survey.published', entity: 'survey', entityId: id, before: { status: row.status }, after: { status: 'published' } });
  return getSurvey(ctx, id);
}

/** Ends a published survey before (or after) its closing day; answers stop at once. */
export async function closeSurvey(ctx: Ctx, id: number) {
  const row = await loadSurvey(ctx, id, P['feedback.survey.manage'], true);
  if (row.status !== 'published') throw conflict('survey_not_published', row.status === 'closed' ? '调查已结束' : '调查尚未发布', row.status === 'closed' ? 'The survey is already closed' : 'The survey is not published');
  await ctx.db.update(survey).set({ status: 'closed', closedAt: ctx.now(), updatedAt: ctx.now() }).where(eq(survey.id, id));
  await audit(ctx, { orgId: row.orgId, action: 'feedback.survey.closed', entity: 'survey', entityId: id, before: { status: row.status }, after: { status: 'closed' } });
  return getSurvey(ctx, id);
}

const openToday = (ctx: Ctx) => {
  const today = chinaDate(ctx.now());
  return and(eq(survey.status, 'published'), lte(survey.opensOn, today), gte(survey.closesOn, today));
};

/** For diners: the surveys open today in the canteens of their bureau, each saying whether they have answered it. */
export async function openSurveys(ctx: Ctx) {
  const rows = await ctx.db.select().from(survey).where(and(inArray(survey.orgId, inIds(bureauCanteens(ctx).map((c) => c.id))), openToday(ctx)))
    .orderBy(asc(survey.closesOn), asc(survey.id));
  const mine = rows.length
    ? await ctx.db.select({ surveyId: response.surveyId, submittedAt: response.submittedAt }).from(response)
      .where(and(eq(response.personId, ctx.user!.id), inArray(response.surveyId, rows.map((r) => r.id))))
    : [];
  const answered = new Map(mine.map((m) => [m.surveyId, m.submittedAt]));
  const views = await questionsOf(ctx, rows.map((r) => r.id));
  return rows.map((s) => ({
    id: s.id, canteenId: s.orgId, canteenName: ctx.tree.get(s.orgId)?.name ?? null, title: s.title, intro: s.intro, opensOn: s.opensOn, closesOn: s.closesOn,
    questions: (views.get(s.id) ?? []).map(publicQuestion),
    answeredAt: answered.get(s.id) ?? null,
  }));
}

type Answers = z.infer<typeof AnswerInput>['answers'];
type AnswerRow = { questionId: number; rating: number | null; choice: number | null; text: string | null };

/** Each answer must fit its question; every required question needs one. Answers 422 naming the questions. */
function checkAnswers(questions: QuestionRow[], answers: Answers) {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const bad: number[] = [];
  const seen = new Set<number>();
  const rows = answers.flatMap((a): AnswerRow[] => {
    const q = byId.get(a.questionId);
    if (!q || seen.has(a.questionId)) {
      bad.push(a.questionId);
      return [];
    }
    seen.add(a.questionId);
    if (q.kind === 'rating' && a.rating !== undefined) return [{ questionId: q.id, rating: a.rating, choice: null, text: null }];
    if (q.kind === 'choice' && a.choice !== undefined && a.choice < q.options.length) return [{ questionId: q.id, rating: null, choice: a.choice, text: null }];
    if (q.kind === 'text' && a.text) return [{ questionId: q.id, rating: null, choice: null, text: a.text }];
    if (q.kind === 'text' && !a.text && !q.required) return [];
    bad.push(q.id);
    return [];
  });
  const missing = questions.filter((q) => q.required && !seen.has(q.id)).map((q) => q.position);
  if (bad.length) throw invalid('answer_unfit', '有答案与问题不符，请刷新后重新填写', 'Some answers do not fit their questions; reload and answer again', { questionIds: bad });
  if (missing.length) {
    throw invalid('answer_missing', `请回答第 ${missing.join('、')} 题`, `Please answer question${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, { positions: missing });
  }
  return rows;
}

/** A diner's answers, once per survey: the unique index on (survey, person) refuses a second sheet, however close together. */
export async function answerSurvey(ctx: Ctx, id: number, input: z.infer<typeof AnswerInput>) {
  const [row] = await ctx.db.select().from(survey).where(eq(survey.id, id));
  if (!row || row.status === 'draft') throw notFound(SURVEY);
  bureauCanteen(ctx, row.orgId);
  const [isOpen] = await ctx.db.select({ id: survey.id }).from(survey).where(and(eq(survey.id, id), openToday(ctx)));
  if (!isOpen) throw conflict('survey_not_open', row.status === 'closed' || row.closesOn < chinaDate(ctx.now()) ? '本次调查已结束' : '本次调查尚未开始',
    row.status === 'closed' || row.closesOn < chinaDate(ctx.now()) ? 'This survey has closed' : 'This survey has not opened yet');
  const rows = checkAnswers((await questionsOf(ctx, [id])).get(id) ?? [], input.answers);
  const [sheet] = await ctx.db.insert(response).values({ orgId: row.orgId, surveyId: id, personId: ctx.user!.id, submittedAt: ctx.now() })
    .onConflictDoNothing({ target: [response.surveyId, response.personId] }).returning({ id: response.id });
  if (!sheet) throw conflict('survey_already_answered', '您已参加过本次调查，感谢支持', 'You have already answered this survey, thank you');
  if (rows.length) await ctx.db.insert(answer).values(rows.map((r) => ({ ...r, orgId: row.orgId, responseId: sheet.id, surveyId: id })));
  await audit(ctx, { orgId: row.orgId, action: 'feedback.survey.answered', entity: 'survey', entityId: id, after: { responseId: sheet.id, answers: rows.length } });
  return { responseId: sheet.id, surveyId: id, answers: rows.length };
}
