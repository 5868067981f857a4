import { z } from 'zod';
import { yuanToFen } from '../../core/spreadsheet-values.ts';
import type { SheetSpec } from '../../core/excel.ts';
import { SALE_MEALS } from './schema.ts';

const isoDate = z.iso.date();

const MEAL_WORDS: Record<string, (typeof SALE_MEALS)[number]> = {
  早餐: 'breakfast', 早: 'breakfast', breakfast: 'breakfast', 午餐: 'lunch', 中餐: 'lunch', 午: 'lunch', lunch: 'lunch',
  晚餐: 'dinner', 晚: 'dinner', dinner: 'dinner', 夜宵: 'late', 宵夜: 'late', late: 'late',
};

/** Dates as Excel stores them (a Date) or as people type them (2026-11-25, 2026/11/25). */
const sheetDate = z.union([z.date(), z.string(), z.number()]).transform((v, c) => {
  const d = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim().replaceAll('/', '-').replace(/^(\d{4})-(\d)-/, '$1-0$2-').replace(/-(\d)$/, '-0$1');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))) c.addIssue({ code: 'custom', message: `日期「${String(v)}」无效，请写成 2026-11-25 / invalid date` });
  return d;
});

export const SaleRow = z.object({
  date: sheetDate,
  meal: z.coerce.string().trim().transform((v, c) => {
    const m = MEAL_WORDS[v.toLowerCase()];
    if (!m) c.addIssue({ code: 'custom', message: `餐次「${v}」无效，请填写 早餐/午餐/晚餐/夜宵 / invalid meal` });
    return m!;
  }),
  dishCode: z.coerce.string().trim().max(60).optional(),
  portions: z.coerce.number().int().min(0).max(1_000_000),
  revenueFen: yuanToFen,
});

export const salesSheet: SheetSpec<z.infer<typeof SaleRow>> = {
  name: '销售 Sales',
  row: SaleRow,
  columns: [
    { key: 'date', zh: '日期', en: 'Date', width: 12 },
    { key: 'meal', zh: '餐次', en: 'Meal', width: 8 },
    { key: 'dishCode', zh: '菜品编码', en: 'Dish code', width: 14 },
    { key: 'portions', zh: '份数', en: 'Portions' },
    { key: 'revenueFen', zh: '金额元', en: 'Revenue yuan' },
  ],
};

export const SalesImportFields = z.object({
  canteenId: z.coerce.number().int().positive(),
  skipBadRows: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const RangeQuery = z.object({
  canteenId: z.coerce.number().int().positive(),
  from: isoDate,
  to: isoDate,
}).refine((v) => v.to >= v.from, { path: ['to'], message: '结束日期早于开始日期 / ends before it starts' })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 366 * 86400_000, { path: ['to'], message: '最多查询一年 / at most one year' });

export const DayQuery = z.object({ canteenId: z.coerce.number().int().positive(), date: isoDate });
