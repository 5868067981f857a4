import { z } from 'zod';
import { KITCHEN_EVENT_STATUSES, KITCHEN_EVENT_TYPES, SENSOR_PLACES } from './schema.ts';

const id = z.coerce.number().int().positive();
const celsius = z.number().min(-60).max(80);

export const CanteenQuery = z.object({ canteenId: id.optional().describe('食堂；不填为我可见的全部 / canteen; all I may see when absent') });

export const ProfileInput = z.object({
  canteenId: z.number().int().positive(),
  place: z.enum(SENSOR_PLACES),
  /** Absent: the place's default; null: no limit on that side. */
  minC: celsius.nullable().optional(),
  maxC: celsius.nullable().optional(),
  maxHumidityPct: z.number().min(1).max(100).nullable().optional(),
  /** Minutes out of range before alerting (a door opened for a delivery should not alarm). */
  holdMinutes: z.number().int().min(0).max(240).default(0),
});
export type ProfileInput = z.infer<typeof ProfileInput>;

export const HistoryQuery = z.object({
  canteenId: id,
  range: z.enum(['24h', '7d']).default('24h'),
});

/** Camera codes follow device codes: they appear in URLs and vendor configuration. */
const cameraCode = z.string().trim().toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, '编码为 3–40 位大写字母、数字或连字符，如 CAM-YJZH-01 / 3–40 capital letters, digits or hyphens, e.g. CAM-YJZH-01');
const liveUrl = z.url({ protocol: /^https?$/, error: '直播地址须为 http(s) 链接 / the live view must be an http(s) link' }).max(500);

export const CameraInput = z.object({
  canteenId: z.number().int().positive(),
  code: cameraCode,
  name: z.string().trim().min(1, '请填写名称 / enter a name').max(60),
  location: z.string().trim().max(60).default(''),
  liveUrl: liveUrl.nullable().default(null),
  public: z.boolean().default(false),
});
export type CameraInput = z.infer<typeof CameraInput>;

export const CameraUpdate = z.object({
  name: z.string().trim().min(1, '请填写名称 / enter a name').max(60),
  location: z.string().trim().max(60),
  liveUrl: liveUrl.nullable(),
  public: z.boolean(),
  active: z.boolean(),
});
export type CameraUpdate = z.infer<typeof CameraUpdate>;

/** Snapshots up to 2 MB of JPEG (or PNG), base64 in the JSON body. */
export const MAX_SNAPSHOT_BYTES = 2 * 1024 * 1024;

/**
 * What a camera system posts to /api/monitoring/kitchen-events, signed in with the camera's token
 * in `Authorization: Bearer <token>`. `eventId` is the system's own id of the event (dedupe).
 */
export const KitchenEventInput = z.object({
  cameraCode,
  eventId: z.string().trim().min(1).max(100),
  type: z.enum(KITCHEN_EVENT_TYPES),
  at: z.iso.datetime({ offset: true }),
  confidence: z.number().min(0).max(1),
  snapshot: z.string().max(Math.ceil(MAX_SNAPSHOT_BYTES / 3) * 4 + 100, '快照不能超过 2 MB / the snapshot must be at most 2 MB').optional()
    .describe('base64 JPEG/PNG（可带 data:image/jpeg;base64, 前缀）/ base64 JPEG or PNG, optionally as a data URL'),
});
export type KitchenEventInput = z.infer<typeof KitchenEventInput>;

export const EventQuery = z.object({
  canteenId: id.optional(),
  status: z.enum(KITCHEN_EVENT_STATUSES).optional(),
  type: z.enum(KITCHEN_EVENT_TYPES).optional(),
  cameraId: id.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type EventQuery = z.infer<typeof EventQuery>;

export const WeeklyQuery = z.object({
  canteenId: id.optional(),
  weeks: z.coerce.number().int().min(1).max(52).default(12),
});

export const ReviewInput = z.object({
  decision: z.enum(['confirmed', 'false_alarm']),
  note: z.string().trim().max(500).default(''),
});
export type ReviewInput = z.infer<typeof ReviewInput>;
