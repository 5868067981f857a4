import type { LockerReading } from './contracts.ts';
import type { DeviceKind } from './schema.ts';

/** A device sent a valid reading (MQTT or HTTP). Delivered for every reading, ~5 per second per scale. */
export const DEVICE_READING = 'devices.reading.received';

/** A device was registered, deactivated, reactivated or given a new token (after the change commits). */
export const DEVICE_CHANGED = 'devices.device.changed';

/** The newest reading of one device, as kept in memory and pushed to streams. */
export interface Reading {
  deviceId: number;
  orgId: number;
  code: string;
  kind: DeviceKind;
  /** Scales only (0 and false for other kinds). */
  grams: number;
  stable: boolean;
  /** Lockers only: the code typed or the door that moved. */
  locker?: LockerReading;
  /** The reading as its kind's schema in contracts.ts (READINGS) parsed it; modules narrow it by `kind`. */
  data: Record<string, unknown>;
  /** When the device measured it: its own clock if it sent one, else the time it arrived. */
  at: string;
  receivedAt: string;
}

export interface DeviceChanged {
  deviceId: number;
  code: string;
}
