import { z } from 'zod';
import { MEALS } from './schema.ts';

const isoDate = z.iso.date();
const canteenId = z.number().int().positive();

export const PlanInput = z.object({
  canteenId,
  date: isoDate,
  meal: z.enum(MEALS),
  note: z.string().trim().max(500).default(''),
  items: z.array(z.object({
    dishId: z.number().int().positive(),
    portions: z.number().int().min(1, '份数至少为 1 / at least one portion').max(20000),
    priceFen: z.number().int().min(0).max(1_000_000).optional(),
  })).min(1, '至少安排一道菜 / plan at least one dish').max(80)
    .refine((items) => new Set(items.map((i) => i.dishId)).size === items.length, '同一道菜出现了两次 / a dish appears twice'),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const PlanQuery = z.object({
  canteenId: z.coerce.number().int().positive(),
  from: isoDate,
  to: isoDate,
}).refine((q) => q.to >= q.from, { path: ['to'], message: '结束日期早于开始日期 / ends before it starts' });

export const CopyInput = z.object({
  canteenId,
  fromDate: isoDate,
  toDate: isoDate,
  days: z.union([z.literal(1), z.literal(7)]),
  overwrite: z.boolean().default(false),
}).refine((v) => v.fromDate !== v.toDate, { path: ['toDate'], message: '目标日期与来源相同 / target equals source' });

export const MustServeInput = z.object({
  canteenId,
  meal: z.enum(MEALS),
  dishIds: z.array(z.number().int().positive()).max(30),
});

export const PublishedQuery = z.object({
  date: isoDate,
  canteenId: z.coerce.number().int().positive().optional(),
});
