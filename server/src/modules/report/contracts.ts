import { z } from 'zod';
import { INGREDIENT_CATEGORIES } from '../ingredient/index.ts';

export const REPORT_KEYS = ['purchase-summary', 'stock-balance', 'stock-movements', 'daily-profit-loss', 'income-expenditure'] as const;
export type ReportKey = (typeof REPORT_KEYS)[number];

export const ReportParams = z.object({ key: z.enum(REPORT_KEYS) });

export const ReportQuery = z.object({
  canteenId: z.coerce.number().int().positive().optional().describe('不填则为本人可见的全部食堂 / all canteens the caller may see'),
  from: z.iso.date(),
  to: z.iso.date(),
  category: z.enum(INGREDIENT_CATEGORIES).optional(),
  format: z.enum(['json', 'xlsx', 'pdf']).default('json'),
}).refine((v) => v.to >= v.from, { path: ['to'], message: '结束日期早于开始日期 / ends before it starts' })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 366 * 86400_000, { path: ['to'], message: '最多查询一年 / at most one year' });
export type ReportQuery = z.infer<typeof ReportQuery>;
