import { z } from 'zod';
import { REQUISITION_STATUSES } from './schema.ts';

const isoDate = z.iso.date();

export const GenerateInput = z.object({
  canteenId: z.number().int().positive(),
  from: isoDate,
  to: isoDate,
}).refine((v) => v.to >= v.from, { path: ['to'], message: '结束日期早于开始日期 / ends before it starts' })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 30 * 86400_000, { path: ['to'], message: '一张请购单最多覆盖 31 天 / at most 31 days per requisition' });

export const LinesInput = z.object({
  note: z.string().trim().max(500).optional(),
  lines: z.array(z.object({
    ingredientId: z.number().int().positive(),
    qty: z.number().int().min(0).max(1_000_000),
    note: z.string().trim().max(200).default(''),
  })).min(1).max(2000).refine((l) => new Set(l.map((x) => x.ingredientId)).size === l.length, '同一食材出现了两次 / an ingredient appears twice'),
});

export const DecisionInput = z.object({
  comment: z.string().trim().max(500).default(''),
});

export const RejectInput = z.object({
  comment: z.string().trim().min(1, '请写明退回原因 / give a reason').max(500),
});

export const RequisitionQuery = z.object({
  canteenId: z.coerce.number().int().positive().optional(),
  status: z.enum(REQUISITION_STATUSES).optional(),
});
