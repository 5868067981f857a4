import { z } from 'zod';
import { ALERT_SEVERITIES, ALERT_STATUSES } from './schema.ts';

const orgId = z.coerce.number().int().positive().optional()
  .describe('组织（食堂）；含其下级 / organisation (canteen), with everything below it');

export const AlertQuery = z.object({
  orgId,
  status: z.enum([...ALERT_STATUSES, 'unresolved']).optional().describe('unresolved = open 或 acknowledged / open or acknowledged'),
  kind: z.string().trim().min(1).max(60).optional(),
  severity: z.enum(ALERT_SEVERITIES).optional(),
});

export const SummaryQuery = z.object({ orgId });

export const ResolveInput = z.object({
  note: z.string().trim().min(1, '请写明处理情况 / say what was done').max(500),
});
