import { z } from 'zod';
import { FEEDBACK_CATEGORIES, FEEDBACK_STATUSES, RATING_ASPECTS } from './schema.ts';

const isoDate = z.iso.date();
const id = z.coerce.number().int().positive();
const questionText = z.string().trim().min(1, '请填写问题 / write the question').max(200);

export const QuestionInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rating'), aspect: z.enum(RATING_ASPECTS), text: questionText, required: z.boolean().default(true) }),
  z.object({
    kind: z.literal('choice'), text: questionText, required: z.boolean().default(true),
    options: z.array(z.string().trim().min(1, '选项不能为空 / an option is empty').max(60)).min(2, '至少两个选项 / at least two options').max(10)
      .refine((o) => new Set(o).size === o.length, '选项重复 / options repeat'),
  }),
  z.object({ kind: z.literal('text'), text: questionText, required: z.boolean().default(false) }),
]);

const surveyFields = {
  title: z.string().trim().min(1, '请填写调查标题 / enter a title').max(100),
  intro: z.string().trim().max(500).default(''),
  opensOn: isoDate,
  closesOn: isoDate,
  questions: z.array(QuestionInput).min(1, '至少需要一个问题 / add at least one question').max(30),
};
const period = <T extends { opensOn: string; closesOn: string }>(v: T) => v.closesOn >= v.opensOn;
const periodError = { path: ['closesOn'], message: '结束日期早于开始日期 / closes before it opens' };

/** A new survey: the canteen asking, then what the edit form sends. */
export const SurveyCreate = z.object({ canteenId: id, ...surveyFields }).refine(period, periodError);
export const SurveyUpdate = z.object(surveyFields).refine(period, periodError);

export const SurveyQuery = z.object({ canteenId: id.optional() });
export const ResultsQuery = z.object({ format: z.enum(['json', 'xlsx']).default('json') });

export const AnswerInput = z.object({
  answers: z.array(z.object({
    questionId: id,
    rating: z.number().int().min(1, '评分为 1–5 / a rating is 1–5').max(5, '评分为 1–5 / a rating is 1–5').optional(),
    choice: z.number().int().min(0).max(9).optional(),
    text: z.string().trim().max(1000).optional(),
  })).max(30),
});

export const FeedbackInput = z.object({
  canteenId: id,
  category: z.enum(FEEDBACK_CATEGORIES),
  text: z.string().trim().min(2, '请写下您的意见（至少 2 个字）/ write at least 2 characters').max(1000),
  dishId: id.optional(),
});

export const FeedbackQuery = z.object({
  canteenId: id.optional(),
  status: z.enum(FEEDBACK_STATUSES).optional(),
});

export const ReplyInput = z.object({ text: z.string().trim().min(1, '请填写回复内容 / write the reply').max(1000) });
export const RatingInput = z.object({ satisfied: z.boolean() });

export const PhotoParams = z.object({ id, photoId: id });
export const CanteenParams = z.object({ canteenId: id });
