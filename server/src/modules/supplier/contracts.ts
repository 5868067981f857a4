import { z } from 'zod';

export const SupplierInput = z.object({
  orgId: z.number().int().positive().optional(),
  code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/),
  name: z.string().trim().min(1).max(100),
  contact: z.string().trim().max(60).default(''),
  phone: z.string().trim().max(30).default(''),
  active: z.boolean().default(true),
});

const isoDate = z.iso.date();

export const PriceListInput = z.object({
  supplierId: z.number().int().positive(),
  /** Owner of the list; defaults to the supplier's organisation, or the caller's canteen below it. */
  orgId: z.number().int().positive().optional(),
  name: z.string().trim().min(1).max(100),
  validFrom: isoDate,
  validTo: isoDate.optional(),
  prices: z.array(z.object({
    ingredientId: z.number().int().positive(),
    priceFen: z.number().int().min(0).max(100_000_000),
    gramsPerUnit: z.number().int().min(1).max(1_000_000).optional(),
  })).min(1).max(5000),
}).refine((v) => !v.validTo || v.validTo >= v.validFrom, { path: ['validTo'], message: '结束日期早于开始日期 / ends before it starts' });

/** Form fields sent with an uploaded price-list file. */
export const PriceImportFields = z.object({
  supplierId: z.coerce.number().int().positive(),
  name: z.string().trim().min(1).max(100),
  validFrom: isoDate,
  skipBadRows: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const PriceQuery = z.object({
  canteenId: z.coerce.number().int().positive(),
  date: isoDate,
});
