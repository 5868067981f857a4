import { z } from 'zod';

export const DayQuery = z.object({
  canteenId: z.coerce.number().int().positive().describe('食堂 / canteen'),
  date: z.iso.date().optional().describe('YYYY-MM-DD，默认今天 / default today (China time)'),
});

export const OpenKitchenQuery = z.object({
  canteenId: z.coerce.number().int().positive().describe('食堂 / canteen'),
});

export const PhotoParams = z.object({
  kind: z.enum(['sample', 'inspection']),
  id: z.coerce.number().int().positive(),
});
