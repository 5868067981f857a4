import { z } from 'zod';
import { ASSIGNEE_ROLES, BLOCKS, RESULTS, WASTE_MEALS } from './schema.ts';

const id = z.coerce.number().int().positive();
const isoDate = z.iso.date();
const text = (max: number, zh: string, en: string) => z.string().trim().min(1, `${zh} / ${en}`).max(max);

export const CanteenQuery = z.object({ canteenId: id });
export const ChecklistQuery = z.object({ canteenId: id, date: isoDate.optional() });
export const HistoryQuery = z.object({ canteenId: id, from: isoDate.optional(), to: isoDate.optional() });
export const MyTasksQuery = z.object({ date: isoDate.optional() });
export const PhotoParams = z.object({ id, photoId: id });

export const ItemInput = z.object({
  /** The line being edited; absent for a new one. */
  id: id.optional(),
  block: z.enum(BLOCKS),
  title: text(100, '请填写检查内容', 'enter what to check'),
  area: text(30, '请填写区域', 'enter the area'),
  role: z.enum(ASSIGNEE_ROLES),
  personId: id.nullable().optional(),
  deadline: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '截止时间格式为 HH:MM / the deadline reads HH:MM'),
  requiresPhoto: z.boolean().default(true),
});

export const TemplateInput = z.object({
  canteenId: id,
  name: text(60, '请填写自查表名称', 'enter the checklist name'),
  items: z.array(ItemInput).min(1, '至少需要一个检查项 / add at least one item').max(60),
});

export const TaskDoneInput = z.object({
  result: z.enum(RESULTS),
  note: z.string().trim().max(500).optional(),
}).refine((v) => v.result === 'ok' || !!v.note, { path: ['note'], message: '发现问题时请写明情况 / describe the problem' });

export const CloseRunInput = z.object({ note: text(500, '请写明未完成项的原因', 'say why the rest is not done') });

export const WasteQuery = z.object({ canteenId: id, from: isoDate.optional(), to: isoDate.optional() });
export const TrendQuery = z.object({ canteenId: id, days: z.coerce.number().int().refine((d) => d === 30 || d === 90, '只能是 30 或 90 天 / 30 or 90 days').default(30) });

/** The form fields of a waste record; the photo is the multipart `file`. A weight is typed, or taken from a scale. */
export const WasteFields = z.object({
  canteenId: id,
  date: isoDate,
  meal: z.enum(WASTE_MEALS),
  grams: z.coerce.number().int().positive('重量须大于 0 / the weight must be above 0').max(2_000_000, '重量过大 / weight too large').optional(),
  scaleDeviceId: id.optional(),
  collector: text(60, '请填写收运人或单位', 'enter the collector'),
  licenceNo: z.string().trim().max(60).optional(),
  note: z.string().trim().max(500).optional(),
  requestKey: z.string().trim().min(8, '缺少请求键 / missing request key').max(80),
}).refine((v) => (v.grams === undefined) !== (v.scaleDeviceId === undefined), {
  path: ['grams'], message: '请输入重量或读取秤的稳定读数（二选一）/ type a weight or take the scale’s stable reading (one of them)',
});

export const VoidInput = z.object({ reason: text(200, '请写明作废原因', 'say why it is voided') });
