import { z } from 'zod';
import { LINE_HOWS, MEALS, SALE_METHODS } from './schema.ts';

const id = z.number().int().positive();
const requestKey = z.string().trim().min(8).max(80).describe('结算台生成的请求键，重复提交只记一次 / station key: a retried or re-synced sale is recorded once');
const isoDate = z.iso.date();

export const SaleLineInput = z.object({
  dishId: id,
  how: z.enum(LINE_HOWS).default('tap'),
  portions: z.number().int().min(1).max(20).default(1),
  /** Grams on the station's scale, for a dish sold by weight. */
  weightG: z.number().int().min(1).max(5000).optional(),
  /** What the recogniser proposed, when the diner or cashier changed it: kept to measure and improve recognition. */
  suggestedDishId: id.optional(),
  score: z.number().min(0).max(1).optional(),
}).refine((l) => l.how !== 'weigh' || l.weightG !== undefined, { path: ['weightG'], message: '称重销售须有重量 / a weighed line needs its weight' });

const lines = z.array(SaleLineInput).min(1, '请至少选择一个菜品 / choose at least one dish').max(30);

/** How the station identified the diner: a card, the pay code on their phone, or an account the face interface returned. */
export const Identify = z.union([
  z.object({ card: z.string().trim().min(4).max(32) }),
  z.object({ qr: z.string().trim().min(10).max(200) }),
  z.object({ faceAccountId: id }),
]);

export const SaleInput = z.object({
  canteenId: id,
  stationId: id.optional(),
  requestKey,
  identify: Identify,
  lines,
});

export const QuoteInput = z.object({ canteenId: id, identify: Identify.optional(), lines });

export const IdentifyInput = z.object({ canteenId: id, identify: Identify });

/** A sale the station made while offline: the diner from its roster, the prices it charged, the time it happened. */
export const OfflineSale = z.object({
  requestKey,
  accountId: id,
  method: z.enum(SALE_METHODS),
  soldAt: z.iso.datetime({ offset: true }),
  lines: z.array(SaleLineInput.and(z.object({ amountFen: z.number().int().min(0).max(100_000) }))).min(1).max(30),
});

export const SyncInput = z.object({
  canteenId: id,
  stationId: id.optional(),
  sales: z.array(OfflineSale).min(1).max(500),
});

export const UndoInput = z.object({ reason: z.string().trim().min(1, '请填写原因 / give a reason').max(200) });

export const SalesQuery = z.object({
  canteenId: z.coerce.number().int().positive(),
  date: isoDate.optional(),
  stationId: z.coerce.number().int().positive().optional(),
  meal: z.enum(MEALS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const DayQuery = z.object({ canteenId: z.coerce.number().int().positive(), date: isoDate });
export const CanteenQuery = z.object({ canteenId: z.coerce.number().int().positive() });

export const StationInput = z.object({
  canteenId: id,
  code: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, '编码为大写字母、数字或连字符 / capital letters, digits or hyphens'),
  name: z.string().trim().min(1).max(40),
  scaleCode: z.string().trim().toUpperCase().max(40).nullable().default(null),
});

export const MySalesQuery = z.object({ from: isoDate, to: isoDate });

/** A tray photo (base64 PNG or JPEG, at most about 4 MB) and the tray's compartment layout. */
export const RecognizeInput = z.object({
  canteenId: id,
  image: z.string().min(40).max(6_000_000),
  layout: z.enum(['2x2', '3-compartment', 'single']).default('2x2'),
});

export const SampleFields = z.object({ canteenId: z.coerce.number().int().positive(), dishId: z.coerce.number().int().positive() });

export const RangeQuery = z.object({ canteenId: z.coerce.number().int().positive(), from: isoDate, to: isoDate })
  .refine((q) => q.to >= q.from, { path: ['to'], message: '结束日期早于开始日期 / ends before it starts' });
