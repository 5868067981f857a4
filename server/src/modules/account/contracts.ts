import { z } from 'zod';
import { MEALS } from './schema.ts';

const id = z.number().int().positive();
/** One top-up or refund at the counter is at most ¥5,000: more is a typing mistake or a matter for the finance office. */
const money = z.number().int().min(1).max(500_000);
const requestKey = z.string().trim().min(8).max(80).describe('客户端生成的请求键，重复提交只记一次 / client key: a retried request is recorded once');
const cardNo = z.string().trim().regex(/^[0-9A-Za-z]{4,32}$/, '卡号为 4–32 位字母或数字 / a card number is 4–32 letters or digits');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM / month as YYYY-MM');
const reason = z.string().trim().max(200);

export const CategoryInput = z.object({
  orgId: id,
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,30}$/, '编码为小写字母开头的字母、数字或下划线 / code: lowercase letter, then letters, digits or _'),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(60),
  overdraftFen: z.number().int().min(0).max(50_000).default(0),
  offlineLimitFen: z.number().int().min(0).max(20_000).default(3000),
  monthlySubsidyFen: z.number().int().min(0).max(500_000).default(0),
  active: z.boolean().default(true),
});

export const MealRuleInput = z.object({
  canteenId: id,
  rules: z.array(z.object({
    categoryId: id,
    meal: z.enum(MEALS),
    pricePct: z.number().int().min(0).max(500).default(100),
    subsidyFen: z.number().int().min(0).max(10_000).default(0),
    flatFen: z.number().int().min(0).max(100_000).nullable().default(null),
  })).max(200).refine((l) => new Set(l.map((r) => `${r.categoryId}|${r.meal}`)).size === l.length, '同一类别同一餐次出现了两次 / a category and meal appear twice'),
});

export const OpenAccountInput = z.object({
  orgId: id.describe('发卡中心 / issuing centre'),
  personId: id,
  categoryId: id,
  cardNo: cardNo.optional(),
});

export const AccountQuery = z.object({
  q: z.string().trim().max(40).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  status: z.enum(['active', 'frozen', 'closed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const CounterMoneyInput = z.object({
  canteenId: id.describe('收款或付款的食堂柜台 / canteen counter taking or paying the cash'),
  amountFen: money,
  requestKey,
  memo: reason.default(''),
});

export const StatusInput = z.object({ reason: reason.min(1, '请填写原因 / give a reason') });
export const ReplaceCardInput = z.object({ cardNo });

export const SubsidyBatchInput = z.object({
  orgId: id.describe('发卡中心 / issuing centre'),
  month,
  unitIds: z.array(id).max(1000).optional().describe('不填则为全部单位 / all units when omitted'),
  /** Last month's unspent subsidy goes back to the unit before the new month's is credited (补贴清零). */
  expireUnspent: z.boolean().default(false),
});

export const OnlineTopUpInput = z.object({ amountFen: z.number().int().min(100).max(100_000), requestKey });
export const PaymentNotice = z.object({ paymentId: z.string().min(8).max(80), providerRef: z.string().min(1).max(80), amountFen: z.number().int().positive(), signature: z.string().min(16).max(200) });

export const HistoryQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional().describe('上一页最后一条的编号 / id of the last entry of the previous page'),
});

export const LedgerCheckQuery = z.object({ orgId: z.coerce.number().int().positive() });
