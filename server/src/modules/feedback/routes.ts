import { IdParams, route, type App } from '../../core/http.ts';
import { readUpload } from '../../core/upload.ts';
import { z } from 'zod';
import { AnswerInput, CanteenParams, FeedbackInput, FeedbackQuery, PhotoParams, RatingInput, ReplyInput, ResultsQuery, SurveyCreate, SurveyQuery, SurveyUpdate } from './contracts.ts';
import { disclosure, disclosureCanteens } from './disclosure.ts';
import { addPhoto, closeFeedback, getFeedback, getPhoto, inbox, myFeedback, rateReply, replyFeedback, submitFeedback } from './feedback.ts';
import { P } from './permissions.ts';
import { renderResults } from './results.ts';
import { answerSurvey, closeSurvey, createSurvey, getSurvey, listSurveys, openSurveys, publishSurvey, updateSurvey } from './surveys.ts';
import { inlineFile } from '../../core/inline-file.ts';

const surveys = '满意度调查 surveys';
const opinions = '意见建议 feedback';
const sunshine = '阳光公示 disclosure';

export function feedbackRoutes(app: App): void {
  const manage = { permission: P['feedback.survey.manage'] };
  const answer = { permission: P['feedback.survey.answer'] };
  const staffRead = { permission: P['feedback.survey.read'] };
  route(app, { method: 'get', path: '/api/surveys/open', tag: surveys, summary: '今日可参加的调查（就餐人员）/ surveys open today, for diners', guard: answer,
    handler: (ctx) => openSurveys(ctx) });
  route(app, { method: 'post', path: '/api/surveys/:id/responses', tag: surveys, summary: '提交答卷（每人一次）/ answer a survey, once', guard: answer, params: IdParams, body: AnswerInput, status: 201,
    handler: (ctx, { params, body }) => answerSurvey(ctx, params.id, body) });
  route(app, { method: 'get', path: '/api/surveys', tag: surveys, summary: '食堂的调查 / the canteens\' surveys', guard: staffRead, query: SurveyQuery,
    handler: (ctx, { query }) => listSurveys(ctx, query) });
  route(app, { method: 'post', path: '/api/surveys', tag: surveys, summary: '新建调查（草稿）/ new survey, a draft', guard: manage, body: SurveyCreate, status: 201,
    handler: (ctx, { body }) => createSurvey(ctx, body) });
  route(app, { method: 'get', path: '/api/surveys/:id', tag: surveys, summary: '调查及其问题 / a survey with its questions', guard: staffRead, params: IdParams,
    handler: (ctx, { params }) => getSurvey(ctx, params.id) });
  route(app, { method: 'put', path: '/api/surveys/:id', tag: surveys, summary: '修改草稿 / edit a draft', guard: manage, params: IdParams, body: SurveyUpdate,
    handler: (ctx, { params, body }) => updateSurvey(ctx, params.id, body) });
  route(app, { method: 'post', path: '/api/surveys/:id/publish', tag: surveys, summary: '发布 / publish', guard: manage, params: IdParams,
    handler: (ctx, { params }) => publishSurvey(ctx, params.id) });
  route(app, { method: 'post', path: '/api/surveys/:id/close', tag: surveys, summary: '结束调查 / close', guard: manage, params: IdParams,
    handler: (ctx, { params }) => closeSurvey(ctx, params.id) });
  route(app, { method: 'get', path: '/api/surveys/:id/results', tag: surveys, summary: '调查结果（format=json|xlsx）/ results: averages and distribution per question', guard: { permission: P['feedback.survey.read'] },
    params: IdParams, query: ResultsQuery,
    handler: (ctx, { params, query }) => renderResults(ctx, params.id, query.format) });

  const submit = { permission: P['feedback.feedback.submit'] };
  // The author or the canteen's staff: the service answers 404 to anyone else.
  const party = { authenticated: true } as const;
  route(app, { method: 'post', path: '/api/feedback', tag: opinions, summary: '提交意见 / send feedback to a canteen', guard: submit, body: FeedbackInput, status: 201,
    handler: (ctx, { body }) => submitFeedback(ctx, body) });
  route(app, { method: 'get', path: '/api/feedback/mine', tag: opinions, summary: '我的意见及回复 / my feedback and its replies', guard: party,
    handler: (ctx) => myFeedback(ctx) });
  route(app, { method: 'get', path: '/api/feedback', tag: opinions, summary: '食堂收到的意见 / the canteens\' feedback inbox', guard: { permission: P['feedback.feedback.read'] }, query: FeedbackQuery,
    handler: (ctx, { query }) => inbox(ctx, query) });
  route(app, { method: 'get', path: '/api/feedback/:id', tag: opinions, summary: '一条意见 / one feedback', guard: party, params: IdParams,
    handler: (ctx, { params }) => getFeedback(ctx, params.id) });
  route(app, { method: 'post', path: '/api/feedback/:id/photos', tag: opinions, summary: '上传照片（作者）/ add a photo, by its author', guard: submit, params: IdParams, multipart: true, status: 201,
    handler: async (ctx, { params }, c) => addPhoto(ctx, params.id, await readUpload(c, z.object({}), ctx.lang)) });
  route(app, { method: 'get', path: '/api/feedback/:id/photos/:photoId', tag: opinions, summary: '照片 / a photo', guard: party, params: PhotoParams,
    handler: async (ctx, { params }) => {
      const p = await getPhoto(ctx, params.id, params.photoId);
      return inlineFile(p.data, p.mime, { maxAgeS: 3600, fileName: p.filename });
    } });
  route(app, { method: 'post', path: '/api/feedback/:id/replies', tag: opinions, summary: '食堂回复 / the canteen replies', guard: { permission: P['feedback.feedback.reply'] }, params: IdParams, body: ReplyInput, status: 201,
    handler: (ctx, { params, body }) => replyFeedback(ctx, params.id, body.text) });
  route(app, { method: 'post', path: '/api/feedback/:id/close', tag: opinions, summary: '关闭（作者或食堂）/ close, by its author or the canteen', guard: party, params: IdParams,
    handler: (ctx, { params }) => closeFeedback(ctx, params.id) });
  route(app, { method: 'post', path: '/api/feedback/:id/rating', tag: opinions, summary: '评价回复（作者）/ rate the reply, by its author', guard: party, params: IdParams, body: RatingInput,
    handler: (ctx, { params, body }) => rateReply(ctx, params.id, body.satisfied) });

  route(app, { method: 'get', path: '/api/disclosure', tag: sunshine, summary: '可查看公示的食堂 / canteens with a disclosure', guard: { authenticated: true },
    handler: (ctx) => disclosureCanteens(ctx) });
  route(app, { method: 'get', path: '/api/disclosure/:canteenId', tag: sunshine, summary: '阳光公示：今日价格、供应商与验收、满意度 / public disclosure of a canteen', guard: { authenticated: true },
    params: CanteenParams, handler: (ctx, { params }) => disclosure(ctx, params.canteenId) });
}
