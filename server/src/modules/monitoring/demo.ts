import { eq } from 'drizzle-orm';
import type { Ctx, Platform } from '../../core/context.ts';
import { inTransaction } from '../../core/context.ts';
import { ctxAs, makeCtx } from '../../core/context-factory.ts';
import { insertUnnest } from '../../core/db.ts';
import { Random } from '../../core/random.ts';
import { createDevice, DEMO_DEVICE_TOKEN } from '../../devices/index.ts';
import { kitchenSnapshot, pickKind } from '../../devices/simulators/kitchen-camera.ts';
import { DEMO_SENSOR_LAYOUT, demoSensorCode, SensorModel, type SensorPlaceKind } from '../../devices/simulators/sensor.ts';
import { raiseAlert, resolveAlertsWhere } from '../alert/index.ts';
import { MONITORING_ALERTS } from './alerts.ts';
import { createCamera } from './cameras.ts';
import { receiveKitchenEvent, reviewKitchenEvent } from './kitchen-events.ts';
import { sensorProfile } from './schema.ts';
import { setProfile } from './sensors.ts';
import { sensorAlert } from './watch.ts';

export { demoSensorCode };

/** The camera systems' token in the demo (printed at start); never used outside demo data. */
export const DEMO_CAMERA_TOKEN = 'demo-camera-token';
export const demoCameraCode = (canteenCode: string, n: number) => `CAM-${canteenCode}-${String(n).padStart(2, '0')}`;

const CAMERAS = [
  { name: '热菜区', location: '后厨', public: true },
  { name: '凉菜专间', location: '专间', public: true },
  { name: '粗加工区', location: '后厨', public: false },
];
/** Minutes out of range before alerting: doors of cold rooms open for deliveries, a freezer defrosts. */
const HOLD_MINUTES: Record<SensorPlaceKind, number> = { cold_room: 5, freezer: 10, fridge: 5, prep_room: 15, sample_fridge: 5, other: 5 };
/** What reviewers write when the AI was wrong, by the kind it claimed. */
const FALSE_ALARM_NOTES: Record<string, string[]> = {
  no_hat: ['误报：戴的是浅色帽子', '误报：帽子被蒸汽遮挡'], no_mask: ['误报：口罩颜色与肤色接近', '误报：侧脸未识别出口罩'],
  no_uniform: ['误报：工作服外系了围裙'], smoking: ['误报：在试吃，手里是汤勺'], phone: ['误报：手里拿的是温度计', '误报：手持的是留样标签'],
  rodent: ['误报：掉落的抹布', '误报：地面阴影'], fire_unattended: ['误报：厨师在旁，被柱子遮挡'], stranger: ['误报：送货人员，已登记'], other: ['误报：反光误识别'],
};
const CONFIRM_NOTES = ['已现场提醒并整改', '已批评教育，纳入当月考核', '已通知项目经理处理', '已整改，复查合格'];

const at = (ctx: Ctx, when: number): Ctx => ({ ...ctx, now: () => new Date(when) });

/**
 * Demo monitoring per canteen: five temperature sensors (冷藏库, 冷冻库, two fridges, 专间; codes
 * SENSOR-<CODE>-01…, token DEMO_DEVICE_TOKEN) with profiles and the last 24 hours of minute history
 * from the same model as the sensor simulator — the first canteen's second fridge warming up now,
 * with its alert — and 1–3 cameras (placeholder live views on nvr.example.invalid) with two weeks of
 * kitchen events: most reviewed (some false alarms), today's still to review.
 */
export async function seedDemoMonitoring(platform: Platform, canteens: readonly { id: number; code: string; login: string }[], log: (m: string) => void): Promise<void> {
  const rng = new Random(20261205);
  const now = platform.now().getTime();
  const system = await makeCtx(platform, null, [], 'zh');
  let events = 0;
  for (const [ci, c] of canteens.entries()) {
    const head = await ctxAs(platform, `head.${c.login}`);
    const site = await ctxAs(platform, `site.${c.login}`);
    const safety = await ctxAs(platform, `safety.${c.login}`);

    const sensors = await inTransaction(head, async (tx) => {
      const out: { id: number; code: string; name: string; place: SensorPlaceKind }[] = [];
      for (const [n, s] of DEMO_SENSOR_LAYOUT.entries()) {
        const code = demoSensorCode(c.code, n + 1);
        const { device } = await createDevice(tx, { canteenId: c.id, kind: 'sensor', code, name: s.zh }, DEMO_DEVICE_TOKEN);
        await setProfile(tx, device.id, { canteenId: c.id, place: s.place, holdMinutes: HOLD_MINUTES[s.place] });
        out.push({ id: device.id, code, name: s.zh, place: s.place });
      }
      return out;
    });
    const history: unknown[][] = [];
    for (const s of sensors) {
      const model = new SensorModel(s.place, () => rng.next(), 1.5);
      // The first canteen's second fridge: its compressor gave up 25 minutes ago.
      const failing = ci === 0 && s.code === demoSensorCode(c.code, 4);
      const start = now - 24 * 3600_000;
      let last: { temperatureC: number; humidityPct?: number } = { temperatureC: 0 };
      for (let m = start - (start % 60_000); m <= now; m += 60_000) {
        let n = 0, sum = 0, min = Infinity, max = -Infinity, hn = 0, hsum = 0, hmin = Infinity, hmax = -Infinity;
        for (let k = 0; k < 6; k++) {
          if (failing && m + k * 10_000 >= now - 25 * 60_000) model.fail(true);
          last = model.step(10);
          n++;
          sum += last.temperatureC;
          min = Math.min(min, last.temperatureC);
          max = Math.max(max, last.temperatureC);
          if (last.humidityPct !== undefined) {
            hn++;
            hsum += last.humidityPct;
            hmin = Math.min(hmin, last.humidityPct);
            hmax = Math.max(hmax, last.humidityPct);
          }
        }
        history.push([s.id, new Date(m).toISOString(), c.id, n, min, max, sum, last.temperatureC, hn, hn ? hmin : null, hn ? hmax : null, hn ? hsum : null, last.humidityPct ?? null, new Date(m + 50_000).toISOString()]);
      }
      if (failing) {
        const [p] = await system.db.select().from(sensorProfile).where(eq(sensorProfile.deviceId, s.id));
        await inTransaction(at(system, now - 20 * 60_000), (tx) => raiseAlert(tx, { ...sensorAlert('temperature', { deviceId: s.id, code: s.code, temperatureC: last.temperatureC, humidityPct: last.humidityPct ?? null, receivedAt: now }, s.name, p!, new Date(now - 25 * 60_000)), orgId: c.id }));
      }
    }
    await insertUnnest(system.db, 'monitoring_sensor_minute', [
      ['device_id', 'int'], ['minute', 'timestamptz'], ['org_id', 'int'], ['n', 'int'], ['min_c', 'float8'], ['max_c', 'float8'], ['sum_c', 'float8'], ['last_c', 'float8'],
      ['humidity_n', 'int'], ['min_humidity', 'float8'], ['max_humidity', 'float8'], ['sum_humidity', 'float8'], ['last_humidity', 'float8'], ['last_at', 'timestamptz'],
    ], history);

    const cameraCount = [3, 2, 2, 1][ci % 4]!;
    const cameras = await inTransaction(head, async (tx) => {
      const out: string[] = [];
      for (let n = 1; n <= cameraCount; n++) {
        const code = demoCameraCode(c.code, n);
        await createCamera(tx, { canteenId: c.id, code, ...CAMERAS[n - 1]!, liveUrl: `https://nvr.example.invalid/live/${code}.m3u8` }, DEMO_CAMERA_TOKEN);
        out.push(code);
      }
      return out;
    });

    // Two weeks of events in kitchen hours (06:00–19:00), about 0.9 a day per camera; today's wait for review.
    const times: number[] = [];
    for (let d = 14; d >= 1; d--) {
      const perDay = Math.round(cameraCount * (0.4 + rng.next() * 1.0));
      for (let k = 0; k < perDay; k++) times.push(chinaDayStart(now, d) + (6 + rng.next() * 13) * 3600_000);
    }
    // Today's, still to review: in today's kitchen hours so far (the last hours when the kitchen has not opened yet).
    const opened = Math.max(chinaDayStart(now, 0) + 6 * 3600_000, now - 8 * 3600_000);
    const from = now - opened > 20 * 60_000 ? opened : now - 8 * 3600_000;
    for (let k = 0; k < 2 + (ci === 0 ? 1 : 0); k++) times.push(from + rng.next() * (now - 10 * 60_000 - from));
    times.sort((a, b) => a - b);
    for (const t of times) {
      const code = rng.pick(cameras);
      const kind = pickKind(rng);
      const confidence = Math.round((0.55 + rng.next() * 0.43) * 100) / 100;
      const snapshot = (await kitchenSnapshot({ kind, cameraCode: code, at: new Date(t), confidence, seed: rng.int(1, 2 ** 31), width: 320 })).toString('base64');
      const { id } = await inTransaction(at(system, t + 3000), (tx) => receiveKitchenEvent(tx, `Bearer ${DEMO_CAMERA_TOKEN}`, {
        cameraCode: code, eventId: `NVR-${code}-${t}`, type: kind, at: new Date(t).toISOString(), confidence, snapshot,
      }));
      events++;
      if (t >= from && rng.next() < 0.85) continue;
      const reviewedAt = t + (10 + rng.next() * 170) * 60_000;
      // The AI's confidence says little: about half its alarms are false.
      const confirmed = rng.next() < confidence - 0.25;
      // Mostly the site manager, sometimes the food-safety officer.
      await inTransaction(at(rng.next() < 0.7 ? site : safety, reviewedAt), (tx) => reviewKitchenEvent(tx, id, {
        decision: confirmed ? 'confirmed' : 'false_alarm', note: rng.pick(confirmed ? CONFIRM_NOTES : FALSE_ALARM_NOTES[kind]!),
      }));
      if (confirmed && now - t > 48 * 3600_000) {
        await inTransaction(at(site, reviewedAt + 60 * 60_000), (tx) => resolveAlertsWhere(tx, { orgId: c.id, kind: MONITORING_ALERTS['monitoring.kitchen_event'].key, keys: [`type:${kind}`] }));
      }
    }
  }
  log(`monitoring: ${canteens.length * DEMO_SENSOR_LAYOUT.length} temperature sensors with 24 h of history, cameras and ${events} kitchen events`);
}

/** Midnight (China time) `daysAgo` days before the day of `now`. */
function chinaDayStart(now: number, daysAgo: number): number {
  const local = now + 8 * 3600_000;
  return local - (local % 86400_000) - 8 * 3600_000 - daysAgo * 86400_000;
}
