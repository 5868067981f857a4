import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from '../../core/column-types.ts';

export const SURVEY_STATUSES = ['draft', 'published', 'closed'] as const;
export const QUESTION_KINDS = ['rating', 'choice', 'text'] as const;
/** What a rating question asks about; the disclosure page averages each aspect over a canteen's surveys. */
export const RATING_ASPECTS = ['taste', 'variety', 'hygiene', 'service', 'price', 'overall'] as const;
export const FEEDBACK_CATEGORIES = ['taste', 'hygiene', 'service', 'price', 'suggestion', 'other'] as const;
export const FEEDBACK_STATUSES = ['open', 'replied', 'closed'] as const;


/** A satisfaction survey (满意度调查) of one canteen, open to its diners from `opensOn` to `closesOn` once published. */
export const survey = pgTable('feedback_survey', {
  id: serial('id').primaryKey(),
  /** The canteen asking. */
  orgId: integer('org_id').notNull(),
  title: text('title').notNull(),
  intro: text('intro').notNull().default(''),
  opensOn: date('opens_on').notNull(),
  closesOn: date('closes_on').notNull(),
  status: text('status', { enum: SURVEY_STATUSES }).notNull().default('draft'),
  createdBy: integer('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
}, (t) => [index('feedback_survey_org_idx').on(t.orgId, t.status, t.closesOn)]);

/** One question; replaced as a whole while the survey is a draft, fixed once it is published. */
export const question = pgTable('feedback_survey_question', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  surveyId: integer('survey_id').notNull().references(() => survey.id, { onDelete: 'cascade' }),
  position: smallint('position').notNull(),
  kind: text('kind', { enum: QUESTION_KINDS }).notNull(),
  /** Rating questions only. */
  aspect: text('aspect', { enum: RATING_ASPECTS }),
  text: text('text').notNull(),
  /** Choice questions only: the options in order; an answer stores the option's index. */
  options: text('options').array().notNull().default(sql`'{}'::text[]`),
  required: boolean('required').notNull().default(true),
}, (t) => [index('feedback_question_survey_idx').on(t.surveyId, t.position)]);

/** A diner's answer sheet: one per survey and person, which the unique index holds even under concurrent submits. */
export const response = pgTable('feedback_survey_response', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  surveyId: integer('survey_id').notNull().references(() => survey.id),
  personId: integer('person_id').notNull(),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('feedback_response_once_uq').on(t.surveyId, t.personId)]);

export const answer = pgTable('feedback_survey_answer', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  responseId: integer('response_id').notNull().references(() => response.id, { onDelete: 'cascade' }),
  surveyId: integer('survey_id').notNull(),
  questionId: integer('question_id').notNull().references(() => question.id),
  /** 1–5 for rating questions. */
  rating: smallint('rating'),
  /** Option index for choice questions. */
  choice: smallint('choice'),
  text: text('text'),
}, (t) => [index('feedback_answer_question_idx').on(t.surveyId, t.questionId), uniqueIndex('feedback_answer_uq').on(t.responseId, t.questionId)]);

/** 意见: what a diner tells a canteen, the canteen's replies and whether the diner was satisfied with them. */
export const feedback = pgTable('feedback_feedback', {
  id: serial('id').primaryKey(),
  /** The canteen it is addressed to. */
  orgId: integer('org_id').notNull(),
  personId: integer('person_id').notNull(),
  category: text('category', { enum: FEEDBACK_CATEGORIES }).notNull(),
  text: text('text').notNull(),
  /** A dish of the dish module (plain id). */
  dishId: integer('dish_id'),
  status: text('status', { enum: FEEDBACK_STATUSES }).notNull().default('open'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  repliedAt: timestamp('replied_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: integer('closed_by'),
  /** The diner's verdict on the latest reply: true satisfied, false not (which reopens it), null not rated. */
  satisfied: boolean('satisfied'),
  ratedAt: timestamp('rated_at', { withTimezone: true }),
}, (t) => [index('feedback_org_status_idx').on(t.orgId, t.status, t.createdAt), index('feedback_person_idx').on(t.personId, t.createdAt)]);

export const reply = pgTable('feedback_reply', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  feedbackId: integer('feedback_id').notNull().references(() => feedback.id),
  personId: integer('person_id').notNull(),
  text: text('text').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [index('feedback_reply_feedback_idx').on(t.feedbackId, t.at)]);

/** A photo the diner took of what the feedback is about. */
export const photo = pgTable('feedback_photo', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull(),
  feedbackId: integer('feedback_id').notNull().references(() => feedback.id),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  data: bytea('data').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
}, (t) => [index('feedback_photo_feedback_idx').on(t.feedbackId)]);
