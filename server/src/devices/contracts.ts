import { z } from 'zod';
import type { DeviceKind } from './schema.ts';

/** Device codes double as MQTT user names and topic levels, so no '/', '+', '#' or spaces. */
const code = z.string().trim().toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, '编码为 3–40 位大写字母、数字或连字符，如 SCALE-YJZH-01 / 3–40 capital letters, digits or hyphens, e.g. SCALE-YJZH-01');

/** A scale's reading in whole grams; `at` is the device's own clock when it has one. */
export const ScaleReading = z.object({
  grams: z.number().int().min(-1_000_000).max(10_000_000),
  stable: z.boolean(),
  at: z.iso.datetime({ offset: true }).optional(),
});
export type ScaleReading = z.infer<typeof ScaleReading>;

/**
 * What a pickup locker (取餐柜) sends: a pickup code typed on its keypad or scanned from the diner's
 * QR, and its doors opening and closing. `cell` counts from 1.
 */
export const LockerReading = z.object({
  event: z.enum(['code', 'opened', 'closed']),
  cell: z.number().int().min(1).max(200).optional(),
  code: z.string().trim().regex(/^\d{6}$/).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
}).refine((r) => (r.event === 'code' ? r.code !== undefined : r.cell !== undefined), { message: 'code 事件须有取餐码，开关门事件须有格口 / a code event needs the code, a door event its cell' });
export type LockerReading = z.infer<typeof LockerReading>;

/**
 * What the server tells a locker on `sl/devices/<code>/command`: open a cell for the code it sent,
 * or refuse the code with a reason to show on its screen.
 */
export type LockerCommand =
  | { action: 'open'; cell: number; ref: string }
  | { action: 'deny'; reason: 'unknown' | 'expired' | 'locked_out'; zh: string; en: string };

const celsius = z.number().min(-60).max(150);
const deviceTime = z.iso.datetime({ offset: true }).optional();

/**
 * A temperature (and humidity) probe in a cold room, fridge, freezer or 专间. One device is one
 * measuring point; thresholds are kept by the module that watches it, not by the device.
 */
export const SensorReading = z.object({
  temperatureC: celsius,
  humidityPct: z.number().min(0).max(100).optional(),
  at: deviceTime,
});
export type SensorReading = z.infer<typeof SensorReading>;

/**
 * A morning-check kiosk (晨检仪): a worker identified by badge (card or face match on the kiosk) with
 * forehead temperature, the hand scan and the symptom codes of the common form (0 normal, 1 fever …
 * 12 other).
 */
export const CheckKioskReading = z.object({
  event: z.literal('check'),
  badge: z.string().trim().min(1).max(40),
  temperatureC: z.number().min(30).max(45),
  handsOk: z.boolean(),
  symptoms: z.array(z.number().int().min(0).max(12)).max(13).default([]),
  at: deviceTime,
});
export type CheckKioskReading = z.infer<typeof CheckKioskReading>;

/** The server's answer to a check kiosk on `sl/devices/<code>/command`: the outcome to show the worker. */
export interface CheckKioskCommand {
  action: 'result';
  badge: string;
  /** The reading's time, so the kiosk matches the answer to the check. */
  at: string;
  status: 'fit' | 'unfit' | 'already_checked' | 'unknown_badge' | 'inactive';
  name: string | null;
  /** The day's outcome when a check exists (also for already_checked). */
  fit: 'fit' | 'unfit' | null;
  reasons: string[];
  zh: string;
  en: string;
}

/**
 * A sample cabinet (留样柜): a box weighed into or out of a slot (grams on its built-in scale), the
 * door opening and closing, and the cabinet's temperature.
 */
export const SampleCabinetReading = z.discriminatedUnion('event', [
  z.object({ event: z.literal('placed'), slot: z.number().int().min(1).max(500), grams: z.number().int().min(0).max(100_000), at: deviceTime }),
  z.object({ event: z.literal('removed'), slot: z.number().int().min(1).max(500), at: deviceTime }),
  z.object({ event: z.enum(['door_opened', 'door_closed']), at: deviceTime }),
  z.object({ event: z.literal('temperature'), temperatureC: celsius, at: deviceTime }),
]);
export type SampleCabinetReading = z.infer<typeof SampleCabinetReading>;

/** What each kind of device sends. A kind can be registered once its reading is defined here. */
export const READINGS = {
  scale: ScaleReading, locker: LockerReading, sensor: SensorReading, check_kiosk: CheckKioskReading, sample_cabinet: SampleCabinetReading,
} as const satisfies Partial<Record<DeviceKind, z.ZodType>>;
export type ReadingKind = keyof typeof READINGS;
const READING_KINDS = Object.keys(READINGS) as [ReadingKind, ...ReadingKind[]];

export const DeviceQuery = z.object({
  canteenId: z.coerce.number().int().positive().optional(),
});

export const CreateDeviceInput = z.object({
  canteenId: z.number().int().positive(),
  kind: z.enum(READING_KINDS),
  code,
  name: z.string().trim().min(1, '请填写名称 / enter a name').max(60),
});
export type CreateDeviceInput = z.infer<typeof CreateDeviceInput>;

/** MQTT topics of one device: it publishes `sl/devices/<code>/reading` and may use nothing outside its own branch. */
export const deviceTopic = (code: string, leaf: string) => `sl/devices/${code}/${leaf}`;

/** Headers a device signs in with on the HTTP ingress (MQTT uses user name and password instead). */
export const DEVICE_CODE_HEADER = 'x-device-code';
export const DEVICE_TOKEN_HEADER = 'x-device-token';
