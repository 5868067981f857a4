import { connectAsync, type MqttClient } from 'mqtt';
import { DEVICE_CODE_HEADER, DEVICE_TOKEN_HEADER, deviceTopic, type ScaleReading } from '../contracts.ts';

/** Readings while the load moves onto the platform, then while it wobbles; at 5 Hz about 0.8 s each. */
const RAMP_TICKS = 4;
const SETTLE_TICKS = 4;

/**
 * What a receiving scale displays, tick by tick: after `place` it climbs towards the load with
 * noise (unstable), wobbles a little, then reports the load quantised to its resolution as stable.
 * Pure and driven by `next()`, so tests can step it without a network or a clock.
 */
export class ScaleModel {
  private from = 0;
  private target = 0;
  private shown = 0;
  private tick = RAMP_TICKS + SETTLE_TICKS;

  constructor(private readonly random: () => number = Math.random, readonly resolution = 2) {}

  private quantise(g: number): number {
    return Math.round(g / this.resolution) * this.resolution;
  }

  /** Puts a load of `grams` on the scale (replacing what was on it). */
  place(grams: number): void {
    this.from = this.shown;
    this.target = grams;
    this.tick = 0;
  }

  clear(): void {
    this.place(0);
  }

  next(): { grams: number; stable: boolean } {
    if (this.tick >= RAMP_TICKS + SETTLE_TICKS) {
      this.shown = this.quantise(this.target);
      return { grams: this.shown, stable: true };
    }
    const t = this.tick++;
    const delta = this.target - this.from;
    const climbing = t < RAMP_TICKS;
    const base = climbing ? this.from + (delta * (t + 1)) / RAMP_TICKS : this.target;
    const spread = Math.max(4 * this.resolution, Math.abs(delta) * (climbing ? 0.05 : 0.005));
    this.shown = this.quantise(base + (this.random() * 2 - 1) * spread);
    return { grams: this.shown, stable: false };
  }
}

export interface ScaleSimulatorOptions {
  code: string;
  token: string;
  /** `mqtt://host:port` of the broker, or `http://host:port` of the platform to use the HTTP ingress. */
  url: string;
  hz?: number;
  model?: ScaleModel;
  onError?: (err: Error) => void;
}

/**
 * A receiving scale on the network: signs in with its code and token and publishes what the
 * model shows at `hz` readings a second, over MQTT or the HTTP ingress.
 */
export class ScaleSimulator {
  readonly model: ScaleModel;
  sent = 0;
  private timer: NodeJS.Timeout | undefined;

  private constructor(private readonly opts: ScaleSimulatorOptions, private readonly mqtt: MqttClient | null) {
    this.model = opts.model ?? new ScaleModel();
  }

  /** Connects (an MQTT broker refusing the code or token rejects here) and starts publishing. */
  static async start(opts: ScaleSimulatorOptions): Promise<ScaleSimulator> {
    const mqtt = /^mqtts?:/.test(opts.url)
      ? await connectAsync(opts.url, { username: opts.code, password: opts.token, clientId: `${opts.code}-${process.pid}`, reconnectPeriod: 2000 }, false)
      : null;
    const sim = new ScaleSimulator(opts, mqtt);
    mqtt?.on('error', (err) => sim.fail(err));
    sim.timer = setInterval(() => void sim.publish(), 1000 / (opts.hz ?? 5));
    return sim;
  }

  /** Whether the MQTT connection is up (always true over HTTP, which has no connection to lose). */
  get connected(): boolean {
    return this.mqtt ? this.mqtt.connected : true;
  }

  place(grams: number): void {
    this.model.place(grams);
  }

  clear(): void {
    this.model.clear();
  }

  private fail(err: Error): void {
    (this.opts.onError ?? ((e: Error) => console.error(`[${this.opts.code}] ${e.message}`)))(err);
  }

  private async publish(): Promise<void> {
    const reading: ScaleReading = { ...this.model.next(), at: new Date().toISOString() };
    try {
      if (this.mqtt) {
        if (!this.mqtt.connected) return;
        await this.mqtt.publishAsync(deviceTopic(this.opts.code, 'reading'), JSON.stringify(reading));
      } else {
        const res = await fetch(new URL('/api/devices/readings', this.opts.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json', [DEVICE_CODE_HEADER]: this.opts.code, [DEVICE_TOKEN_HEADER]: this.opts.token },
          body: JSON.stringify(reading),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      }
      this.sent++;
    } catch (err) {
      this.fail(err as Error);
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.mqtt?.endAsync();
  }
}
