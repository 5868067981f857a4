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

const day = z.iso.date().describe('YYYY-MM-DD（北京时间 / China time）');

export const HistoryQuery = z.object({
  orgId: z.coerce.number().int().positive().describe('食堂 / canteen'),
  from: day,
  to: day,
}).refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期 / from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: '最多查询一年 / at most one year', path: ['from'] });

export const EscalationQuery = z.object({ orgId: z.coerce.number().int().positive() });

const minutes = z.number().int().min(1, '至少 1 分钟 / at least 1 minute').max(7 * 24 * 60, '最多 7 天 / at most 7 days').nullable();

export const EscalationInput = z.object({
  orgId: z.number().int().positive(),
  /** Minutes without acknowledgement before an alert goes up a level; null: alerts of that severity never escalate. */
  afterMinutes: z.object({ critical: minutes, warning: minutes, info: minutes }),
});

export const ResolveInput = z.object({
  note: z.string().trim().min(1, '请写明处理情况 / say what was done').max(500),
});
