import { connectAsync, type MqttClient } from 'mqtt';
import { DEVICE_CODE_HEADER, DEVICE_TOKEN_HEADER, deviceTopic, type LockerCommand, type LockerReading } from '../contracts.ts';

export interface LockerSimulatorOptions {
  code: string;
  token: string;
  /** `mqtt://host:port` of the broker, or `http://host:port` of the platform (codes checked at /api/orders/locker-pickups). */
  url: string;
  cells?: number;
  /** How long a typed code waits for the server's answer. */
  answerMs?: number;
  onError?: (err: Error) => void;
}

export interface CellState { cell: number; open: boolean; opens: number }

/**
 * A pickup locker (取餐柜) on the network: a keypad for 6-digit pickup codes and doors that open
 * only when the server commands it. Over MQTT it publishes `code`, `opened` and `closed` readings
 * and listens on its command topic; over HTTP it asks the platform which cell a code opens.
 */
export class LockerSimulator {
  readonly cells: CellState[];
  readonly commands: LockerCommand[] = [];
  private waiting: ((c: LockerCommand) => void)[] = [];

  private constructor(private readonly opts: LockerSimulatorOptions, private readonly mqtt: MqttClient | null) {
    this.cells = Array.from({ length: opts.cells ?? 24 }, (_, i) => ({ cell: i + 1, open: false, opens: 0 }));
  }

  static async start(opts: LockerSimulatorOptions): Promise<LockerSimulator> {
    const mqtt = /^mqtts?:/.test(opts.url)
      ? await connectAsync(opts.url, { username: opts.code, password: opts.token, clientId: `${opts.code}-${process.pid}`, reconnectPeriod: 2000 }, false)
      : null;
    const sim = new LockerSimulator(opts, mqtt);
    if (mqtt) {
      mqtt.on('error', (err) => sim.fail(err));
      mqtt.on('message', (_topic, payload) => {
        try {
          void sim.obey(JSON.parse(payload.toString('utf8')) as LockerCommand);
        } catch (err) {
          sim.fail(err as Error);
        }
      });
      await mqtt.subscribeAsync(deviceTopic(opts.code, 'command'), { qos: 1 });
    }
    return sim;
  }

  get connected(): boolean {
    return this.mqtt ? this.mqtt.connected : true;
  }

  private fail(err: Error): void {
    (this.opts.onError ?? ((e: Error) => console.error(`[${this.opts.code}] ${e.message}`)))(err);
  }

  private async send(reading: LockerReading): Promise<void> {
    await this.mqtt!.publishAsync(deviceTopic(this.opts.code, 'reading'), JSON.stringify({ ...reading, at: new Date().toISOString() }), { qos: 1 });
  }

  /** Carries out the server's command: a door swings open (and says so), or the screen shows why not. */
  private async obey(c: LockerCommand): Promise<void> {
    this.commands.push(c);
    if (c.action === 'open') {
      const cell = this.cells[c.cell - 1];
      if (cell) {
        cell.open = true;
        cell.opens++;
        if (this.mqtt) await this.send({ event: 'opened', cell: c.cell });
      }
    }
    for (const w of this.waiting.splice(0)) w(c);
  }

  /** A diner types (or scans) a code; resolves with the server's answer, or null when none came in time. */
  async enter(code: string): Promise<LockerCommand | null> {
    if (!this.mqtt) {
      const res = await fetch(new URL('/api/orders/locker-pickups', this.opts.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [DEVICE_CODE_HEADER]: this.opts.code, [DEVICE_TOKEN_HEADER]: this.opts.token },
        body: JSON.stringify({ code }),
      });
      const body = await res.json() as LockerCommand | { code: string; message: string };
      const command: LockerCommand = res.ok ? body as LockerCommand
        : { action: 'deny', reason: (body as { code: string }).code === 'pickup_expired' ? 'expired' : (body as { code: string }).code === 'pickup_locked_out' ? 'locked_out' : 'unknown', zh: (body as { message: string }).message, en: (body as { message: string }).message };
      await this.obey(command);
      return command;
    }
    const answer = new Promise<LockerCommand | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), this.opts.answerMs ?? 5000);
      this.waiting.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    await this.send({ event: 'code', code });
    return answer;
  }

  /** The diner shuts the door after taking the meal. */
  async shut(cell: number): Promise<void> {
    const c = this.cells[cell - 1];
    if (!c?.open) return;
    c.open = false;
    if (this.mqtt) await this.send({ event: 'closed', cell });
  }

  /** The cells as a small grid: ▯ closed, ▮ open. */
  render(perRow = 6): string {
    const rows: string[] = [];
    for (let i = 0; i < this.cells.length; i += perRow) {
      rows.push(this.cells.slice(i, i + perRow).map((c) => `${String(c.cell).padStart(2)}${c.open ? '▮' : '▯'}`).join(' '));
    }
    return rows.join('\n');
  }

  async stop(): Promise<void> {
    await this.mqtt?.endAsync();
  }
}
