import { z } from 'zod';
import { MEALS, NO_SHOW_RULES } from './schema.ts';

const id = z.number().int().positive();
const qid = z.coerce.number().int().positive();
const isoDate = z.iso.date();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:MM / time as HH:MM');
const requestKey = z.string().trim().min(8).max(80).describe('客户端生成的请求键，重复提交只下一单 / client key: a retried order is placed once');

export const OrderLineInput = z.object({ dishId: id, portions: z.number().int().min(1).max(20) });

export const TakeoutInput = z.object({
  canteenId: id,
  date: isoDate,
  meal: z.enum(MEALS),
  pickupTime: hhmm.optional(),
  note: z.string().trim().max(200).default(''),
  lines: z.array(OrderLineInput).min(1, '请至少选择一个菜品 / choose at least one dish').max(20),
  requestKey,
});

export const UnitMealInput = z.object({
  canteenId: id,
  kind: z.enum(['meeting', 'official']),
  date: isoDate,
  meal: z.enum(MEALS),
  pickupTime: hhmm.optional(),
  headcount: z.number().int().min(1).max(500),
  purpose: z.string().trim().min(1, '请填写用途 / give the purpose').max(200),
  contact: z.string().trim().min(1, '请填写联系人 / give a contact').max(40),
  phone: z.string().trim().max(30).default(''),
  note: z.string().trim().max(200).default(''),
  requestKey,
});

export const ReasonInput = z.object({ reason: z.string().trim().min(1, '请填写原因 / give a reason').max(200) });
export const CancelInput = z.object({ reason: z.string().trim().max(200).default('') });
export const ReadyInput = z.object({ lockerId: id.optional() });
export const ServeInput = z.object({ headcount: z.number().int().min(1).max(500).optional() });

export const OfferInput = z.object({
  canteenId: id,
  date: isoDate,
  meal: z.enum(MEALS),
  dishes: z.array(z.object({ dishId: id, limit: z.number().int().min(0).max(5000) })).max(100),
});
export const OfferQuery = z.object({ canteenId: qid, date: isoDate, meal: z.enum(MEALS) });

export const DayQuery = z.object({
  canteenId: qid,
  date: isoDate,
  meal: z.enum(MEALS).optional(),
  kind: z.enum(['takeout', 'meeting', 'official']).optional(),
});
export const CanteenQuery = z.object({ canteenId: qid });
export const MineQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

const cutoff = z.object({ daysBefore: z.number().int().min(0).max(7), time: hhmm });
export const RulesInput = z.object({
  canteenId: id,
  takeoutCutoffs: z.object({ breakfast: cutoff, lunch: cutoff, dinner: cutoff, late: cutoff }),
  meetingCutoff: cutoff,
  pickupHours: z.number().int().min(1).max(24),
  noShowRule: z.enum(NO_SHOW_RULES),
  noShowLimit: z.number().int().min(1).max(30),
  blockDays: z.number().int().min(1).max(90),
});

export const StandardInput = z.object({ unitId: id, standardFen: z.number().int().min(100).max(100_000) });
export const StandardQuery = z.object({ unitId: qid });

export const LockerInput = z.object({ cells: z.number().int().min(1).max(200) });

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM / month as YYYY-MM');
export const StatementsQuery = z.object({ month, canteenId: qid.optional(), unitId: qid.optional() });
export const StatementQuery = z.object({ month, canteenId: qid, unitId: qid, format: z.enum(['json', 'xlsx', 'pdf']).default('json') });
export const StatementPaidInput = z.object({ month, canteenId: id, unitId: id, memo: z.string().trim().max(200).default('') });

export const LockerPickupInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, '取餐码为 6 位数字 / the pickup code has 6 digits') });
