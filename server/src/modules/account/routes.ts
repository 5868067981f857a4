import { z } from 'zod';
import { personById } from '../../core/people.ts';
import { AppError } from '../../core/errors.ts';
import { IdParams, route, type App } from '../../core/http.ts';
import { getAccount, history, listAccounts, openAccount, ownAccount, replaceCard, reportLost, setFrozen } from './accounts.ts';
import { AccountQuery, CategoryInput, CounterMoneyInput, HistoryQuery, LedgerCheckQuery, MealRuleInput, OnlineTopUpInput, OpenAccountInput, PaymentNotice, ReplaceCardInput, StatusInput, SubsidyBatchInput } from './contracts.ts';
import { ledgerProblems } from './ledger.ts';
import { confirmLocalPayment, confirmOnlinePayment, creditMonthlySubsidy, getOnlinePayment, refundCash, startOnlineTopUp, topUpCash } from './money.ts';
import { issuePayCode } from './pay-code.ts';
import { P } from './permissions.ts';
import { listCategories, mealRules, saveCategory, setMealRules } from './rules.ts';

const tag = '一卡通 accounts';
const PaymentParams = z.object({ paymentId: z.string().min(8).max(80) });

export function accountRoutes(app: App): void {
  const self = { permission: P['account.self.use'] };
  const read = { permission: P['account.account.read'] };
  const write = { permission: P['account.account.write'] };
  const money = { permission: P['account.money.write'] };

  route(app, { method: 'get', path: '/api/accounts/me', tag, summary: '我的账户 / my account', guard: self,
    handler: async (ctx) => getAccount(ctx, (await ownAccount(ctx)).id) });
  route(app, { method: 'get', path: '/api/accounts/me/history', tag, summary: '我的收支明细 / my transactions', guard: self, query: HistoryQuery,
    handler: async (ctx, { query }) => history(ctx, (await ownAccount(ctx)).id, query, true) });
  route(app, { method: 'post', path: '/api/accounts/me/pay-code', tag, summary: '付款码 / my pay code (QR), valid one minute', guard: self,
    handler: (ctx) => issuePayCode(ctx) });
  route(app, { method: 'post', path: '/api/accounts/me/lost', tag, summary: '挂失 / report my card lost', guard: self,
    handler: async (ctx) => reportLost(ctx, (await ownAccount(ctx)).id, true) });
  route(app, { method: 'post', path: '/api/accounts/me/freeze', tag, summary: '冻结我的账户 / freeze my account', guard: self, body: StatusInput,
    handler: async (ctx, { body }) => setFrozen(ctx, (await ownAccount(ctx)).id, true, body.reason, true) });
  route(app, { method: 'post', path: '/api/accounts/me/top-ups', tag, summary: '在线充值 / start an online top-up', guard: self, body: OnlineTopUpInput, status: 201,
    handler: (ctx, { body }) => startOnlineTopUp(ctx, body) });
  route(app, { method: 'get', path: '/api/accounts/me/top-ups/:paymentId', tag, summary: '充值状态 / top-up status', guard: self, params: PaymentParams,
    handler: (ctx, { params }) => getOnlinePayment(ctx, params.paymentId) });
  route(app, { method: 'post', path: '/api/accounts/me/top-ups/:paymentId/local-confirm', tag, summary: '本地支付确认（本地实现）/ confirm with the local payment provider', guard: self, params: PaymentParams,
    handler: (ctx, { params }) => confirmLocalPayment(ctx, params.paymentId) });
  route(app, { method: 'post', path: '/api/accounts/online-payments/notify', tag, summary: '支付平台回调（签名校验）/ payment provider notice (signed)', guard: { public: true }, body: PaymentNotice,
    handler: (ctx, { body }) => confirmOnlinePayment(ctx, body) });

  route(app, { method: 'get', path: '/api/accounts/categories', tag, summary: '就餐类别 / diner categories', guard: { authenticated: true },
    handler: (ctx) => listCategories(ctx) });
  route(app, { method: 'put', path: '/api/accounts/categories', tag, summary: '保存就餐类别 / save a diner category', guard: { permission: P['account.rules.write'] }, body: CategoryInput,
    handler: (ctx, { body }) => saveCategory(ctx, body) });
  route(app, { method: 'get', path: '/api/accounts/meal-rules', tag, summary: '价格与补贴规则 / price and subsidy rules of a canteen', guard: { authenticated: true },
    query: z.object({ canteenId: z.coerce.number().int().positive() }),
    handler: (ctx, { query }) => mealRules(ctx, query.canteenId) });
  route(app, { method: 'put', path: '/api/accounts/meal-rules', tag, summary: '设置价格与补贴规则 / set price and subsidy rules', guard: { permission: P['account.rules.write'] }, body: MealRuleInput,
    handler: (ctx, { body }) => setMealRules(ctx, body) });
  route(app, { method: 'post', path: '/api/accounts/subsidies', tag, summary: '按单位发放月度补贴 / credit the monthly subsidy by unit', guard: { permission: P['account.subsidy.write'] }, body: SubsidyBatchInput,
    handler: (ctx, { body }) => creditMonthlySubsidy(ctx, body) });
  route(app, { method: 'get', path: '/api/accounts/ledger-check', tag, summary: '账务核对 / ledger check', guard: read, query: LedgerCheckQuery,
    handler: (ctx, { query }) => {
      if (!ctx.access.readScope(P['account.account.read']).includes(query.orgId)) throw new AppError(404, 'org_not_found', '发卡机构不存在或无权查看', 'Issuer not found or not visible to you');
      return ledgerProblems(ctx, query.orgId);
    } });

  route(app, { method: 'get', path: '/api/accounts', tag, summary: '就餐账户 / meal-card accounts', guard: read, query: AccountQuery,
    handler: (ctx, { query }) => listAccounts(ctx, query) });
  route(app, { method: 'post', path: '/api/accounts', tag, summary: '开户 / open an account', guard: write, body: OpenAccountInput, status: 201,
    handler: async (ctx, { body }) => {
      const person = await personById(ctx.db, body.personId);
      if (!person) throw new AppError(404, 'person_not_found', '人员不存在', 'Person not found');
      return openAccount(ctx, body, person);
    } });
  route(app, { method: 'get', path: '/api/accounts/:id', tag, summary: '账户详情 / one account', guard: read, params: IdParams,
    handler: (ctx, { params }) => getAccount(ctx, params.id) });
  route(app, { method: 'get', path: '/api/accounts/:id/history', tag, summary: '收支明细 / transactions', guard: read, params: IdParams, query: HistoryQuery,
    handler: (ctx, { params, query }) => history(ctx, params.id, query, false) });
  route(app, { method: 'post', path: '/api/accounts/:id/top-ups', tag, summary: '现金充值 / cash top-up at the counter', guard: money, params: IdParams, body: CounterMoneyInput, status: 201,
    handler: (ctx, { params, body }) => topUpCash(ctx, params.id, body) });
  route(app, { method: 'post', path: '/api/accounts/:id/refunds', tag, summary: '退款 / cash refund', guard: money, params: IdParams, body: CounterMoneyInput, status: 201,
    handler: (ctx, { params, body }) => refundCash(ctx, params.id, body) });
  route(app, { method: 'post', path: '/api/accounts/:id/freeze', tag, summary: '冻结 / freeze', guard: write, params: IdParams, body: StatusInput,
    handler: (ctx, { params, body }) => setFrozen(ctx, params.id, true, body.reason) });
  route(app, { method: 'post', path: '/api/accounts/:id/unfreeze', tag, summary: '解冻 / unfreeze', guard: write, params: IdParams, body: StatusInput,
    handler: (ctx, { params, body }) => setFrozen(ctx, params.id, false, body.reason) });
  route(app, { method: 'post', path: '/api/accounts/:id/lost', tag, summary: '挂失 / report the card lost', guard: write, params: IdParams,
    handler: (ctx, { params }) => reportLost(ctx, params.id, false) });
  route(app, { method: 'post', path: '/api/accounts/:id/cards', tag, summary: '补卡 / issue a replacement card', guard: write, params: IdParams, body: ReplaceCardInput, status: 201,
    handler: (ctx, { params, body }) => replaceCard(ctx, params.id, body.cardNo) });
}
