import { connectAsync, type MqttClient } from 'mqtt';
import { DEVICE_CODE_HEADER, DEVICE_TOKEN_HEADER, deviceTopic, type SampleCabinetReading } from '../contracts.ts';

export interface SampleCabinetOptions {
  code: string;
  token: string;
  /** `mqtt://host:port` of the broker, or `http://host:port` of the platform to use the HTTP ingress. */
  url: string;
  slots?: number;
  /** How often the cabinet reports its temperature; 0 turns the periodic report off (tests send it by hand). */
  temperatureEveryMs?: number;
  /** One in this many boxes is light (90–120 g) when no weight is given. */
  lightOneIn?: number;
  random?: () => number;
  onError?: (err: Error) => void;
}

export interface SlotState { slot: number; grams: number | null }

/**
 * A smart sample cabinet (智能留样柜) on the network: a chilled cabinet whose slots each stand on a
 * scale. When the keeper puts a box in, it reports the door opening, the slot and the box's weight
 * (`placed`), and the door closing; taking a box out reports `removed`. Its thermometer reports
 * every minute, drifting between 2 and 6 °C unless told otherwise.
 */
export class SampleCabinetSimulator {
  readonly slots: SlotState[];
  sent = 0;
  private temperature: number;
  private fixed: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly random: () => number;

  private constructor(private readonly opts: SampleCabinetOptions, private readonly mqtt: MqttClient | null) {
    this.slots = Array.from({ length: opts.slots ?? 80 }, (_, i) => ({ slot: i + 1, grams: null }));
    this.random = opts.random ?? Math.random;
    this.temperature = 3 + this.random() * 2;
  }

  /** Connects (a broker refusing the code or token rejects here) and starts the temperature reports. */
  static async start(opts: SampleCabinetOptions): Promise<SampleCabinetSimulator> {
    const mqtt = /^mqtts?:/.test(opts.url)
      ? await connectAsync(opts.url, { username: opts.code, password: opts.token, clientId: `${opts.code}-${process.pid}-${Date.now() % 100000}`, reconnectPeriod: 2000 }, false)
      : null;
    const sim = new SampleCabinetSimulator(opts, mqtt);
    mqtt?.on('error', (err) => sim.fail(err));
    const every = opts.temperatureEveryMs ?? 60_000;
    if (every > 0) {
      sim.timer = setInterval(() => void sim.reportTemperature().catch((e: Error) => sim.fail(e)), every);
      void sim.reportTemperature().catch((e: Error) => sim.fail(e));
    }
    return sim;
  }

  /** Whether the MQTT connection is up (always true over HTTP, which has no connection to lose). */
  get connected(): boolean {
    return this.mqtt ? this.mqtt.connected : true;
  }

  private fail(err: Error): void {
    (this.opts.onError ?? ((e: Error) => console.error(`[${this.opts.code}] ${e.message}`)))(err);
  }

  private async send(reading: SampleCabinetReading): Promise<void> {
    const body = JSON.stringify({ ...reading, at: new Date().toISOString() });
    if (this.mqtt) await this.mqtt.publishAsync(deviceTopic(this.opts.code, 'reading'), body, { qos: 1 });
    else {
      const res = await fetch(new URL('/api/devices/readings', this.opts.url), {
        method: 'POST', headers: { 'content-type': 'application/json', [DEVICE_CODE_HEADER]: this.opts.code, [DEVICE_TOKEN_HEADER]: this.opts.token }, body,
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    }
    this.sent++;
  }

  /** A box's weight as keepers fill them: 130–220 g, now and then a light one. */
  boxWeight(): number {
    const light = this.random() * (this.opts.lightOneIn ?? 8) < 1;
    return Math.round(light ? 90 + this.random() * 30 : 130 + this.random() * 90);
  }

  /** The first empty slot, or null when the cabinet is full. */
  freeSlot(): number | null {
    return this.slots.find((s) => s.grams === null)?.slot ?? null;
  }

  /** The keeper opens the door, puts a box in a slot (the first free one by default) and closes the door. */
  async place(slot = this.freeSlot(), grams = this.boxWeight()): Promise<{ slot: number; grams: number }> {
    const s = slot === null ? undefined : this.slots[slot - 1];
    if (!s) throw new Error('the cabinet has no free slot');
    await this.send({ event: 'door_opened' });
    s.grams = grams;
    await this.send({ event: 'placed', slot: s.slot, grams });
    await this.send({ event: 'door_closed' });
    return { slot: s.slot, grams };
  }

  /** A box taken out of its slot (to discard it, or by mistake). */
  async remove(slot: number): Promise<void> {
    const s = this.slots[slot - 1];
    if (!s) throw new Error(`no slot ${slot}`);
    await this.send({ event: 'door_opened' });
    s.grams = null;
    await this.send({ event: 'removed', slot });
    await this.send({ event: 'door_closed' });
  }

  /** Holds the thermometer at `c` (a failing compressor, a door left open); null lets it drift in 2–6 °C again. */
  async setTemperature(c: number | null): Promise<void> {
    this.fixed = c;
    await this.reportTemperature();
  }

  /** Sends one temperature reading now. */
  async reportTemperature(): Promise<number> {
    if (this.fixed === null) this.temperature = Math.min(6, Math.max(2, this.temperature + (this.random() - 0.5) * 0.6));
    const c = Math.round((this.fixed ?? this.temperature) * 10) / 10;
    if (this.connected) await this.send({ event: 'temperature', temperatureC: c });
    return c;
  }

  /** The slots as a small grid: the grams of each box, · for an empty slot. */
  render(perRow = 10): string {
    const rows: string[] = [];
    for (let i = 0; i < this.slots.length; i += perRow) {
      rows.push(this.slots.slice(i, i + perRow).map((s) => `${String(s.slot).padStart(2)}:${s.grams === null ? '  · ' : String(s.grams).padStart(4)}`).join(' '));
    }
    return rows.join('\n');
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.mqtt?.endAsync();
  }
}
