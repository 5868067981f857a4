import { z } from 'zod';
import { MEALS } from './schema.ts';

const id = z.coerce.number().int().positive();
const day = z.iso.date();

export const CanteenQuery = z.object({ canteenId: id });
export const DayQuery = z.object({ canteenId: id, date: day.optional() });
export const HistoryQuery = z.object({ canteenId: id, from: day.optional(), to: day.optional() });

/**
 * One sample box. The weight comes from the cabinet when the keeper names a weighing the cabinet
 * reported (`cabinetEventId`), else it is typed; `deviceId` + `slot` say where a typed box is kept
 * (the cabinet's weighing, when it comes, replaces the typed weight). Sent as JSON or as a
 * multipart form with the photo in `file` (form fields are strings, hence the coercion).
 */
export const SampleInput = z.object({
  canteenId: id,
  date: day.optional(),
  meal: z.enum(MEALS),
  dishId: id,
  grams: z.coerce.number().int().min(1, '重量须大于 0 克 / the weight must be above 0 g').max(5000, '重量不超过 5000 克 / at most 5000 g').optional(),
  cabinetEventId: id.optional(),
  deviceId: id.optional(),
  slot: z.coerce.number().int().min(1).max(500).optional(),
  note: z.string().trim().max(200).default(''),
  requestKey: z.string().trim().min(8, '请求编号至少 8 位 / the request key has at least 8 characters').max(80),
}).refine((s) => s.grams !== undefined || s.cabinetEventId !== undefined, { message: '请填写重量或选择留样柜的称重 / give the weight or pick the cabinet’s weighing', path: ['grams'] })
  .refine((s) => (s.deviceId === undefined) === (s.slot === undefined), { message: '留样柜和格口须同时填写 / give both the cabinet and the slot', path: ['slot'] });
export type SampleInput = z.infer<typeof SampleInput>;

export const DiscardInput = z.object({
  reason: z.string().trim().min(2, '请填写销毁原因 / give the reason').max(200),
});

export const SettingsInput = z.object({
  required: z.boolean(),
  minGrams: z.number().int().min(50).max(1000),
  keepHours: z.number().int().min(24).max(168),
  graceMinutes: z.number().int().min(0).max(240),
});
export type SampleSettings = z.infer<typeof SettingsInput>;
