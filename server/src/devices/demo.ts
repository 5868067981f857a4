import type { Platform } from '../core/context.ts';
import { ctxAs } from '../core/context-factory.ts';
import { inTransaction } from '../core/context.ts';
import { createDevice } from './registry.ts';

/** Printed at start so anyone can run the scale simulator against the demo; never used outside demo data. */
export const DEMO_DEVICE_TOKEN = 'demo-scale-token';
export const demoScaleCode = (canteenCode: string) => `SCALE-${canteenCode}-01`;
/** The pickup locker of a canteen (取餐柜). */
export const demoLockerCode = (canteenCode: string) => `LOCKER-${canteenCode}-01`;
/** The scales of a canteen's checkout stations (n = 1, 2). */
export const demoCheckoutScaleCode = (canteenCode: string, n: number) => `SCALE-${canteenCode}-C${n}`;

/** One receiving scale, two checkout-station scales and a pickup locker per demo canteen, registered by that canteen's head through the registry service. */
export async function seedDemoDevices(platform: Platform, canteens: readonly { id: number; code: string; login: string }[]): Promise<string[]> {
  const codes: string[] = [];
  for (const c of canteens) {
    const head = await ctxAs(platform, `head.${c.login}`);
    const code = demoScaleCode(c.code);
    await inTransaction(head, async (tx) => {
      await createDevice(tx, { canteenId: c.id, kind: 'scale', code, name: '验收秤' }, DEMO_DEVICE_TOKEN);
      for (const n of [1, 2]) await createDevice(tx, { canteenId: c.id, kind: 'scale', code: demoCheckoutScaleCode(c.code, n), name: `${n} 号结算台秤` }, DEMO_DEVICE_TOKEN);
      await createDevice(tx, { canteenId: c.id, kind: 'locker', code: demoLockerCode(c.code), name: '取餐柜' }, DEMO_DEVICE_TOKEN);
    });
    codes.push(code);
  }
  return codes;
}
