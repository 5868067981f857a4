import type { Label } from '../../shell/labels.tsx';

/** Shapes of server/src/modules/feedback. */
export type QuestionKind = 'rating' | 'choice' | 'text';
export interface Question { id: number; position: number; kind: QuestionKind; aspect: string | null; text: string; options: string[]; required: boolean }
export interface Survey {
  id: number; orgId: number; canteenName: string | null; title: string; intro: string; opensOn: string; closesOn: string;
  status: 'draft' | 'published' | 'closed'; questions: Question[]; responses: number;
}
/** A survey open today, as a diner sees it. */
export interface OpenSurvey { id: number; canteenId: number; canteenName: string | null; title: string; intro: string; opensOn: string; closesOn: string; questions: Question[]; answeredAt: string | null }
export interface QuestionResult extends Question { answered: number; average: number | null; distribution: number[]; texts: { text: string; at: string }[] }
export interface SurveyResults { survey: Survey; responses: number; questions: QuestionResult[] }

export type FeedbackStatus = 'open' | 'replied' | 'closed';
export interface Feedback {
  id: number; orgId: number; canteenName: string | null; personId: number; authorName: string | null; category: string; text: string;
  dishId: number | null; dishName: string | null; status: FeedbackStatus; createdAt: string; repliedAt: string | null; closedAt: string | null;
  closedByName: string | null; satisfied: boolean | null; ratedAt: string | null;
  replies: { id: number; text: string; at: string; byName: string | null }[];
  photoIds: number[];
}

export interface Disclosure {
  canteen: { id: number; name: string };
  date: string;
  menu: { meal: string; dishes: { dishId: number; name: string; nameEn?: string; kind: string; priceFen: number; portionG: number }[] }[];
  inspections: { from: string; to: string; suppliers: { supplierId: number | null; name: string | null; code: string | null; receipts: number; lines: number; accepted: number; partial: number; rejected: number; good: number; fair: number; poor: number; lastReceivedOn: string }[] };
  surveys: { since: string; aspects: { aspect: string; average: number; answers: number }[]; recent: { id: number; title: string; opensOn: string; closesOn: string; status: string; responses: number }[] };
  feedback: { from: string; received: number; replied: number; satisfied: number; unsatisfied: number };
}

export const photoHref = (feedbackId: number, photoId: number) => `/api/feedback/${feedbackId}/photos/${photoId}`;

export const FEEDBACK_CATEGORIES: Label[] = [
  { value: 'taste', zh: '口味', en: 'Taste', color: 'orange' },
  { value: 'hygiene', zh: '卫生', en: 'Hygiene', color: 'cyan' },
  { value: 'service', zh: '服务', en: 'Service', color: 'blue' },
  { value: 'price', zh: '价格', en: 'Price', color: 'gold' },
  { value: 'suggestion', zh: '建议', en: 'Suggestion', color: 'green' },
  { value: 'other', zh: '其他', en: 'Other' },
];
export const FEEDBACK_STATUSES: Label[] = [
  { value: 'open', zh: '待回复', en: 'Awaiting reply', color: 'red' },
  { value: 'replied', zh: '已回复', en: 'Replied', color: 'blue' },
  { value: 'closed', zh: '已关闭', en: 'Closed', color: 'default' },
];
export const SURVEY_STATUSES: Label[] = [
  { value: 'draft', zh: '草稿', en: 'Draft', color: 'default' },
  { value: 'published', zh: '进行中', en: 'Open', color: 'green' },
  { value: 'closed', zh: '已结束', en: 'Closed', color: 'blue' },
];
export const ASPECTS: Label[] = [
  { value: 'taste', zh: '口味', en: 'Taste' },
  { value: 'variety', zh: '品种', en: 'Variety' },
  { value: 'hygiene', zh: '卫生', en: 'Hygiene' },
  { value: 'service', zh: '服务', en: 'Service' },
  { value: 'price', zh: '价格', en: 'Price' },
  { value: 'overall', zh: '总体', en: 'Overall' },
];
export const QUESTION_KINDS: Label[] = [
  { value: 'rating', zh: '评分（1–5 星）', en: 'Rating (1–5 stars)' },
  { value: 'choice', zh: '单选', en: 'Single choice' },
  { value: 'text', zh: '文字意见', en: 'Free text' },
];
