import { connectAsync, type MqttClient } from 'mqtt';
import { Random } from '../../core/random.ts';
import { DEVICE_CODE_HEADER, DEVICE_TOKEN_HEADER, deviceTopic, type SensorReading } from '../contracts.ts';

/** Where a probe hangs, as the monitoring module names places. */
export type SensorPlaceKind = 'cold_room' | 'freezer' | 'fridge' | 'prep_room' | 'sample_fridge' | 'other';

interface Climate {
  /** Where the thermostat holds it, °C. */
  setpoint: number;
  /** Half the swing of the compressor cycle, °C, and its period in seconds. */
  swing: number;
  cycleS: number;
  /** What an open door lets it drift towards, and how fast (per second, share of the gap). */
  ambient: number;
  doorRate: number;
  humidity: number | null;
}

const CLIMATES: Record<SensorPlaceKind, Climate> = {
  cold_room: { setpoint: 3.2, swing: 0.8, cycleS: 40 * 60, ambient: 24, doorRate: 0.003, humidity: 86 },
  freezer: { setpoint: -20.5, swing: 1.1, cycleS: 50 * 60, ambient: 20, doorRate: 0.0015, humidity: null },
  fridge: { setpoint: 3.8, swing: 0.9, cycleS: 25 * 60, ambient: 24, doorRate: 0.004, humidity: 80 },
  prep_room: { setpoint: 21.5, swing: 0.6, cycleS: 60 * 60, ambient: 28, doorRate: 0.001, humidity: 58 },
  sample_fridge: { setpoint: 3.5, swing: 0.6, cycleS: 30 * 60, ambient: 24, doorRate: 0.004, humidity: 75 },
  other: { setpoint: 18, swing: 0.5, cycleS: 60 * 60, ambient: 24, doorRate: 0.002, humidity: 60 },
};

/** After the door shuts, the extra warmth decays with this time constant (seconds). */
const RECOVERY_S = 180;
/** A failing compressor lets the temperature creep up this fast, °C per second. */
const FAILURE_RATE = 0.004;

/**
 * What one temperature probe measures, step by step: the compressor cycle around the setpoint, a
 * little noise, a door now and then (warmth rushes in, then decays once shut), and, on request, a
 * failing compressor. Pure and driven by `step(seconds)`, so tests and the demo history use it too.
 */
export class SensorModel {
  private t = 0;
  private doorLeft = 0;
  private extra = 0;
  private failing = false;
  private drift = 0;
  private readonly phase: number;
  private readonly c: Climate;

  constructor(readonly place: SensorPlaceKind, private readonly random: () => number = Math.random, private readonly doorsPerHour = 2) {
    this.c = CLIMATES[place];
    this.phase = random() * Math.PI * 2;
  }

  /** Opens the door for `seconds` (a delivery, someone fetching stock). */
  openDoor(seconds: number): void {
    this.doorLeft = Math.max(this.doorLeft, seconds);
  }

  /** A compressor failing (true) or repaired (false): the temperature creeps up, or recovers. */
  fail(on: boolean): void {
    this.failing = on;
  }

  get doorOpen(): boolean {
    return this.doorLeft > 0;
  }

  /** Advances the model by `dt` seconds and returns what the probe shows (0.1 °C, whole % humidity). */
  step(dt: number): { temperatureC: number; humidityPct?: number } {
    this.t += dt;
    if (this.doorLeft <= 0 && this.random() < (this.doorsPerHour * dt) / 3600) this.openDoor(20 + this.random() * 70);
    const gap = this.c.ambient - (this.c.setpoint + this.extra);
    if (this.doorLeft > 0) {
      this.doorLeft -= dt;
      this.extra += gap * (1 - Math.exp(-this.c.doorRate * dt));
    } else this.extra *= Math.exp(-dt / RECOVERY_S);
    this.drift = this.failing ? this.drift + FAILURE_RATE * dt : this.drift * Math.exp(-dt / (RECOVERY_S * 3));
    const cycle = this.c.swing * Math.sin((2 * Math.PI * this.t) / this.c.cycleS + this.phase);
    const noise = (this.random() - 0.5) * 0.2;
    const temperatureC = Math.round((this.c.setpoint + cycle + this.extra + this.drift + noise) * 10) / 10;
    if (this.c.humidity === null) return { temperatureC };
    const humidityPct = Math.round(Math.min(99, Math.max(20, this.c.humidity + (this.random() - 0.5) * 4 - this.extra * 0.8)));
    return { temperatureC, humidityPct };
  }
}

/** The probes of a demo canteen, in code order: SENSOR-<CODE>-01 … (the monitoring demo registers the same). */
export const DEMO_SENSOR_LAYOUT: { place: SensorPlaceKind; zh: string }[] = [
  { place: 'cold_room', zh: '冷藏库' },
  { place: 'freezer', zh: '冷冻库' },
  { place: 'fridge', zh: '1 号冰箱（粗加工区）' },
  { place: 'fridge', zh: '2 号冰箱（备餐间）' },
  { place: 'prep_room', zh: '凉菜专间' },
];
export const demoSensorCode = (canteenCode: string, n: number) => `SENSOR-${canteenCode}-${String(n).padStart(2, '0')}`;

export interface SensorSimulatorOptions {
  sensors: { code: string; place: SensorPlaceKind }[];
  token: string;
  /** `mqtt://host:port` of the broker, or `http://host:port` of the platform's HTTP ingress. */
  url: string;
  /** Seconds between two readings of each sensor. */
  everyS?: number;
  seed?: number;
  onError?: (err: Error) => void;
}

/**
 * The temperature probes of one canteen on the network: each signs in with its own code and token
 * (one MQTT connection per probe, as real ones) and publishes its model's value every few seconds.
 */
export class SensorSimulator {
  sent = 0;
  readonly models = new Map<string, SensorModel>();
  /** The value each sensor sent last. */
  readonly last = new Map<string, SensorReading>();
  private timer: NodeJS.Timeout | undefined;

  private constructor(private readonly opts: SensorSimulatorOptions, private readonly clients: Map<string, MqttClient>) {
    const rng = new Random(opts.seed ?? Date.now());
    for (const s of opts.sensors) this.models.set(s.code, new SensorModel(s.place, () => rng.next()));
  }

  static async start(opts: SensorSimulatorOptions): Promise<SensorSimulator> {
    const clients = new Map<string, MqttClient>();
    if (/^mqtts?:/.test(opts.url)) {
      try {
        for (const s of opts.sensors) {
          clients.set(s.code, await connectAsync(opts.url, { username: s.code, password: opts.token, clientId: `${s.code}-${process.pid}`, reconnectPeriod: 2000 }, false));
        }
      } catch (err) {
        await Promise.all([...clients.values()].map((c) => c.endAsync(true)));
        throw err;
      }
    }
    const sim = new SensorSimulator(opts, clients);
    for (const c of clients.values()) c.on('error', (err) => sim.fail(err));
    const every = (opts.everyS ?? 5) * 1000;
    sim.timer = setInterval(() => void sim.tick(every / 1000), every);
    return sim;
  }

  model(code: string): SensorModel {
    const m = this.models.get(code);
    if (!m) throw new Error(`no sensor ${code} in this simulator`);
    return m;
  }

  private fail(err: Error): void {
    (this.opts.onError ?? ((e: Error) => console.error(`[sensors] ${e.message}`)))(err);
  }

  /** Advances every model by `dt` seconds and publishes each value. */
  async tick(dt: number): Promise<void> {
    await Promise.all([...this.models].map(([code, m]) => this.send(code, { ...m.step(dt), at: new Date().toISOString() })));
  }

  /** Publishes one reading of one sensor now (tests send exact values this way). */
  async send(code: string, reading: SensorReading): Promise<void> {
    try {
      const mqtt = this.clients.get(code);
      if (mqtt) {
        if (!mqtt.connected) return;
        await mqtt.publishAsync(deviceTopic(code, 'reading'), JSON.stringify(reading), { qos: 1 });
      } else {
        const res = await fetch(new URL('/api/devices/readings', this.opts.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [DEVICE_CODE_HEADER]: code, [DEVICE_TOKEN_HEADER]: this.opts.token },
          body: JSON.stringify(reading),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      }
      this.sent++;
      this.last.set(code, reading);
    } catch (err) {
      this.fail(err as Error);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.clients.values()].map((c) => c.endAsync()));
  }
}
