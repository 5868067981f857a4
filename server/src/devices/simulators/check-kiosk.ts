import { connectAsync, type MqttClient } from 'mqtt';
import { DEVICE_CODE_HEADER, DEVICE_TOKEN_HEADER, deviceTopic, type CheckKioskCommand, type CheckKioskReading } from '../contracts.ts';

export interface CheckKioskSimulatorOptions {
  code: string;
  token: string;
  /** `mqtt://host:port` of the broker, or `http://host:port` of the platform (readings to /api/devices/readings, no answer). */
  url: string;
  /** How long a check waits for the server's answer (MQTT). */
  answerMs?: number;
  /** Chance that a worker of a round has a fever (0–1). */
  feverRate?: number;
  onError?: (err: Error) => void;
}

export interface CheckOptions {
  temperatureC?: number;
  handsOk?: boolean;
  symptoms?: number[];
  /** The kiosk's clock; sending the same badge and time again is a resend the server recognises. */
  at?: string;
}

/** A forehead temperature as a kiosk measures it: 36.1–37.1 °C for the healthy, most near 36.5; a fever 37.4–38.6 °C. */
export function realisticTemperature(fever: boolean, random: () => number = Math.random): number {
  const spread = random() + random() + random() - 1.5;
  return Math.round((fever ? 37.9 + spread * 0.8 : 36.5 + spread * 0.4) * 10) / 10;
}

/**
 * A morning-check kiosk (晨检仪) at the kitchen door: a worker shows the badge (card or face match),
 * the kiosk takes the forehead temperature and scans the hands, and sends one `check` reading. Over
 * MQTT it listens on its command topic for the server's answer (fit / not fit and why) and shows it.
 */
export class CheckKioskSimulator {
  readonly answers: CheckKioskCommand[] = [];
  private waiting: { badge: string; at: string; resolve: (c: CheckKioskCommand) => void }[] = [];

  private constructor(private readonly opts: CheckKioskSimulatorOptions, private readonly mqtt: MqttClient | null) {}

  static async start(opts: CheckKioskSimulatorOptions): Promise<CheckKioskSimulator> {
    const mqtt = /^mqtts?:/.test(opts.url)
      ? await connectAsync(opts.url, { username: opts.code, password: opts.token, clientId: `${opts.code}-${process.pid}`, reconnectPeriod: 2000 }, false)
      : null;
    const sim = new CheckKioskSimulator(opts, mqtt);
    if (mqtt) {
      mqtt.on('error', (err) => sim.fail(err));
      mqtt.on('message', (_topic, payload) => {
        try {
          sim.hear(JSON.parse(payload.toString('utf8')) as CheckKioskCommand);
        } catch (err) {
          sim.fail(err as Error);
        }
      });
      await mqtt.subscribeAsync(deviceTopic(opts.code, 'command'), { qos: 1 });
    }
    return sim;
  }

  private fail(err: Error): void {
    (this.opts.onError ?? ((e: Error) => console.error(`[${this.opts.code}] ${e.message}`)))(err);
  }

  private hear(c: CheckKioskCommand): void {
    if (c.action !== 'result') return;
    this.answers.push(c);
    const i = this.waiting.findIndex((w) => w.badge === c.badge && Date.parse(w.at) === Date.parse(c.at));
    if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(c);
  }

  /**
   * One worker checks in. Resolves with what was sent and the server's answer (null over HTTP, or
   * when none came in time).
   */
  async check(badge: string, o: CheckOptions = {}): Promise<{ reading: CheckKioskReading; answer: CheckKioskCommand | null }> {
    const fever = o.temperatureC === undefined && Math.random() < (this.opts.feverRate ?? 0);
    const temperatureC = o.temperatureC ?? realisticTemperature(fever);
    const reading: CheckKioskReading = {
      event: 'check', badge, temperatureC, handsOk: o.handsOk ?? true, symptoms: o.symptoms ?? [],
      at: o.at ?? new Date().toISOString(),
    };
    return { reading, answer: await this.send(reading) };
  }

  /** Sends a reading exactly as given (a resend after a lost answer, or a test's own). */
  async send(reading: CheckKioskReading): Promise<CheckKioskCommand | null> {
    if (!this.mqtt) {
      const res = await fetch(new URL('/api/devices/readings', this.opts.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [DEVICE_CODE_HEADER]: this.opts.code, [DEVICE_TOKEN_HEADER]: this.opts.token },
        body: JSON.stringify(reading),
      });
      if (!res.ok) throw new Error(`reading refused: ${res.status} ${await res.text()}`);
      return null;
    }
    const at = reading.at!;
    const answer = new Promise<CheckKioskCommand | null>((resolve) => {
      const entry = { badge: reading.badge, at, resolve: (c: CheckKioskCommand) => { clearTimeout(timer); resolve(c); } };
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== entry);
        resolve(null);
      }, this.opts.answerMs ?? 5000);
      this.waiting.push(entry);
    });
    await this.mqtt.publishAsync(deviceTopic(this.opts.code, 'reading'), JSON.stringify(reading), { qos: 1 });
    return answer;
  }

  /** A morning's queue at the door: each badge in turn, `gapMs` apart, with realistic temperatures (now and then a fever). */
  async round(badges: string[], gapMs = 0, onEach?: (r: { reading: CheckKioskReading; answer: CheckKioskCommand | null }) => void) {
    const out = [];
    for (const badge of badges) {
      const r = await this.check(badge);
      onEach?.(r);
      out.push(r);
      if (gapMs) await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    return out;
  }

  async stop(): Promise<void> {
    await this.mqtt?.endAsync();
  }
}
