import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { Random } from '../../core/random.ts';

/** What a kitchen camera system's AI reports (明厨亮灶), as the monitoring module's webhook takes them. */
export const KITCHEN_EVENT_KINDS = ['no_mask', 'no_hat', 'no_uniform', 'smoking', 'phone', 'rodent', 'fire_unattended', 'stranger', 'other'] as const;
export type KitchenEventKind = (typeof KITCHEN_EVENT_KINDS)[number];

/** How often each kind comes up in practice: hats and masks by far the most, rodents and fires rarely. */
export const KIND_WEIGHTS: Record<KitchenEventKind, number> = {
  no_hat: 30, no_mask: 28, no_uniform: 8, phone: 12, smoking: 4, stranger: 6, rodent: 3, fire_unattended: 3, other: 6,
};

export function pickKind(rng: Random): KitchenEventKind {
  const total = Object.values(KIND_WEIGHTS).reduce((s, w) => s + w, 0);
  let x = rng.next() * total;
  for (const k of KITCHEN_EVENT_KINDS) {
    x -= KIND_WEIGHTS[k];
    if (x < 0) return k;
  }
  return 'other';
}

type Rgb = [number, number, number];
const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

// 5×7 glyphs, one 5-bit row each (top first): the overlay of a camera system (code, time, label).
const GLYPHS: Record<string, number[]> = {
  '0': [14, 17, 19, 21, 25, 17, 14], '1': [4, 12, 4, 4, 4, 4, 14], '2': [14, 17, 1, 2, 4, 8, 31], '3': [31, 2, 4, 2, 1, 17, 14],
  '4': [2, 6, 10, 18, 31, 2, 2], '5': [31, 16, 30, 1, 1, 17, 14], '6': [6, 8, 16, 30, 17, 17, 14], '7': [31, 1, 2, 4, 8, 8, 8],
  '8': [14, 17, 17, 14, 17, 17, 14], '9': [14, 17, 17, 15, 1, 2, 12],
  A: [14, 17, 17, 31, 17, 17, 17], B: [30, 17, 17, 30, 17, 17, 30], C: [14, 17, 16, 16, 16, 17, 14], D: [28, 18, 17, 17, 17, 18, 28],
  E: [31, 16, 16, 30, 16, 16, 31], F: [31, 16, 16, 30, 16, 16, 16], G: [14, 17, 16, 23, 17, 17, 15], H: [17, 17, 17, 31, 17, 17, 17],
  I: [14, 4, 4, 4, 4, 4, 14], J: [7, 2, 2, 2, 2, 18, 12], K: [17, 18, 20, 24, 20, 18, 17], L: [16, 16, 16, 16, 16, 16, 31],
  M: [17, 27, 21, 21, 17, 17, 17], N: [17, 17, 25, 21, 19, 17, 17], O: [14, 17, 17, 17, 17, 17, 14], P: [30, 17, 17, 30, 16, 16, 16],
  Q: [14, 17, 17, 17, 21, 18, 13], R: [30, 17, 17, 30, 20, 18, 17], S: [15, 16, 16, 14, 1, 1, 30], T: [31, 4, 4, 4, 4, 4, 4],
  U: [17, 17, 17, 17, 17, 17, 14], V: [17, 17, 17, 17, 17, 10, 4], W: [17, 17, 17, 21, 21, 21, 10], X: [17, 17, 10, 4, 10, 17, 17],
  Y: [17, 17, 17, 10, 4, 4, 4], Z: [31, 1, 2, 4, 8, 16, 31],
  '-': [0, 0, 0, 31, 0, 0, 0], ':': [0, 12, 12, 0, 12, 12, 0], '.': [0, 0, 0, 0, 0, 12, 12], '/': [1, 1, 2, 4, 8, 16, 16], '_': [0, 0, 0, 0, 0, 0, 31], ' ': [0, 0, 0, 0, 0, 0, 0],
};

/** An RGBA picture with the few drawing operations a kitchen scene needs. */
class Canvas {
  readonly data: Buffer;
  constructor(readonly w: number, readonly h: number) {
    this.data = Buffer.alloc(w * h * 4, 255);
  }

  px(x: number, y: number, c: Rgb, a = 1): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.w || y >= this.h) return;
    const i = (y * this.w + x) * 4;
    for (let k = 0; k < 3; k++) this.data[i + k] = clamp(this.data[i + k]! * (1 - a) + c[k]! * a);
  }

  /** A filled rectangle; `c` may be a function of the pixel (tiles, gradients), called per pixel. */
  rect(x0: number, y0: number, x1: number, y1: number, c: Rgb | ((x: number, y: number) => Rgb), a = 1): void {
    const xa = Math.max(0, Math.floor(x0));
    const xb = Math.min(this.w, Math.ceil(x1));
    for (let y = Math.max(0, Math.floor(y0)); y < Math.min(this.h, y1); y++) {
      for (let x = xa; x < xb; x++) {
        const col = typeof c === 'function' ? c(x, y) : c;
        const i = (y * this.w + x) * 4;
        if (a === 1) {
          this.data[i] = clamp(col[0]);
          this.data[i + 1] = clamp(col[1]);
          this.data[i + 2] = clamp(col[2]);
        } else this.px(x, y, col, a);
      }
    }
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, c: Rgb, a = 1): void {
    for (let y = Math.floor(cy - ry); y <= cy + ry; y++) {
      for (let x = Math.floor(cx - rx); x <= cx + rx; x++) {
        if (((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1) this.px(x, y, c, a);
      }
    }
  }

  frame(x0: number, y0: number, x1: number, y1: number, c: Rgb, width = 2): void {
    this.rect(x0, y0, x1, y0 + width, c);
    this.rect(x0, y1 - width, x1, y1, c);
    this.rect(x0, y0, x0 + width, y1, c);
    this.rect(x1 - width, y0, x1, y1, c);
  }

  text(s: string, x: number, y: number, c: Rgb, scale = 2, shadow: Rgb | null = [0, 0, 0]): void {
    for (const [dx, dy, col] of shadow ? [[1, 1, shadow], [0, 0, c]] as const : [[0, 0, c]] as const) {
      let cx = x + dx;
      for (const ch of s.toUpperCase()) {
        const g = GLYPHS[ch] ?? GLYPHS[' ']!;
        g.forEach((row, ry) => {
          for (let rx = 0; rx < 5; rx++) if (row & (16 >> rx)) this.rect(cx + rx * scale, y + dy + ry * scale, cx + (rx + 1) * scale, y + dy + (ry + 1) * scale, col);
        });
        cx += 6 * scale;
      }
    }
  }
}

export interface SnapshotOptions {
  kind: KitchenEventKind;
  cameraCode: string;
  at: Date;
  confidence: number;
  seed: number;
  width?: number;
}

const backgrounds = new Map<number, Buffer>();

/** The kitchen behind the cook (tiled wall, range hood, shelf), drawn once per size. */
function background(W: number, H: number, s: number): Buffer {
  let b = backgrounds.get(W);
  if (b) return b;
  const cv = new Canvas(W, H);
  const tile = Math.round(24 * s);
  cv.rect(0, 0, W, 150 * s, (x, y) => ((x % tile < 1 || y % tile < 1) ? [200, 207, 212] : [232 * (1 - y / (900 * s)), 236 * (1 - y / (900 * s)), 239 * (1 - y / (900 * s))]));
  cv.rect(40 * s, 10 * s, 230 * s, 55 * s, [120, 126, 132]);
  cv.rect(50 * s, 55 * s, 220 * s, 62 * s, [90, 95, 100]);
  cv.rect(330 * s, 48 * s, 465 * s, 54 * s, [150, 150, 150]);
  counter(cv, s);
  cv.rect(60 * s, 140 * s, 210 * s, 152 * s, [60, 60, 64]);
  cv.ellipse(100 * s, 134 * s, 28 * s, 9 * s, [50, 50, 55]);
  cv.ellipse(170 * s, 132 * s, 24 * s, 10 * s, [150, 150, 155]);
  b = cv.data;
  backgrounds.set(W, b);
  return b;
}

/** The steel counter and the tiled floor. */
function counter(cv: Canvas, s: number): void {
  const { w: W, h: H } = cv;
  const rowCol = (y: number): Rgb => {
    const f = 1 - (y - 150 * s) / (260 * s);
    return [190 * f, 196 * f, 202 * f];
  };
  for (let y = Math.round(150 * s); y < Math.round(200 * s); y++) cv.rect(0, y, W, y + 1, rowCol(y));
  cv.rect(0, 200 * s, W, 232 * s, [150, 156, 162]);
  const tx = Math.round(40 * s);
  const ty = Math.round(20 * s);
  cv.rect(0, 232 * s, W, H, (x, y) => ((x % tx < 2 || y % ty < 2) ? [100, 60, 45] : [140, 80, 60]));
}

/** The time as the camera system prints it, China time. */
const stamp = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * A simulated snapshot of a kitchen camera (JPEG, 16:9): tiled wall, range hood, a steel counter with
 * a stove, a shelf, and what the event is about — a cook without hat or mask, in street clothes, with
 * a phone or a cigarette, a stranger, a rodent on the floor, a flame with nobody at the stove — in the
 * AI's red box, with the system's overlay of camera code and time. Seeded: the same event looks the same.
 */
export async function kitchenSnapshot(o: SnapshotOptions): Promise<Buffer> {
  const W = o.width ?? 480;
  const s = W / 480;
  const H = Math.round(270 * s);
  const rng = new Random(o.seed);
  const cv = new Canvas(W, H);
  background(W, H, s).copy(cv.data);
  const light = 0.9 + rng.next() * 0.2;
  const tint: Rgb = [rng.next() * 10 - 5, rng.next() * 6 - 3, rng.next() * 10 - 5];
  const shade = (c: Rgb, f = 1): Rgb => [c[0] * f, c[1] * f, c[2] * f];
  for (let i = 0; i < 4; i++) cv.rect((338 + i * 32) * s, 26 * s, (362 + i * 32) * s, 48 * s, rng.pick<Rgb>([[214, 90, 60], [240, 240, 230], [90, 140, 200], [230, 190, 80]]));

  const kind = o.kind;
  const person = !['rodent', 'fire_unattended'].includes(kind);
  const px = (250 + rng.next() * 120) * s;
  let box: [number, number, number, number] = [0, 0, 0, 0];
  if (person) {
    const clothes: Rgb = kind === 'no_uniform' ? rng.pick<Rgb>([[40, 90, 170], [170, 40, 50], [60, 120, 70]]) : kind === 'stranger' ? [45, 45, 55] : [245, 245, 245];
    const skin: Rgb = [224, 182, 150];
    const headY = 78 * s;
    // Behind the counter: only what shows above it (y < 150).
    cv.rect(px - 26 * s, 100 * s, px + 26 * s, 150 * s, shade(clothes));
    cv.rect(px - 36 * s, 104 * s, px - 26 * s, 150 * s, shade(clothes, 0.92));
    cv.rect(px + 26 * s, 104 * s, px + 36 * s, 150 * s, shade(clothes, 0.92));
    cv.ellipse(px, headY, 15 * s, 18 * s, shade(skin));
    cv.rect(px - 5 * s, headY - 3 * s, px - 2 * s, headY, [40, 30, 30]);
    cv.rect(px + 2 * s, headY - 3 * s, px + 5 * s, headY, [40, 30, 30]);
    const hat = !['no_hat', 'stranger'].includes(kind);
    if (hat) cv.rect(px - 14 * s, headY - 34 * s, px + 14 * s, headY - 12 * s, shade([250, 250, 250]));
    else cv.ellipse(px, headY - 12 * s, 15 * s, 8 * s, shade([40, 32, 28]));
    const mask = !['no_mask', 'smoking', 'stranger'].includes(kind);
    if (mask) cv.rect(px - 11 * s, headY + 3 * s, px + 11 * s, headY + 14 * s, shade([170, 205, 230]));
    if (kind === 'phone') {
      cv.rect(px + 22 * s, headY + 10 * s, px + 32 * s, headY + 28 * s, [25, 25, 30]);
      cv.rect(px + 24 * s, headY + 12 * s, px + 30 * s, headY + 25 * s, [80, 140, 220]);
    }
    if (kind === 'smoking') {
      cv.rect(px + 6 * s, headY + 8 * s, px + 20 * s, headY + 10 * s, [245, 245, 240]);
      cv.rect(px + 20 * s, headY + 7 * s, px + 23 * s, headY + 11 * s, [255, 110, 30]);
      for (let i = 0; i < 6; i++) cv.ellipse(px + (24 + i * 3) * s, headY - i * 6 * s, (3 + i) * s, (2 + i) * s, [200, 200, 205], 0.35);
    }
    box = ['no_hat', 'no_mask', 'smoking'].includes(kind)
      ? [px - 28 * s, headY - 40 * s, px + 34 * s, headY + 26 * s]
      : [px - 42 * s, headY - 40 * s, px + 42 * s, 178 * s];
  }
  if (kind === 'fire_unattended') {
    for (let i = 0; i < 40; i++) {
      const fx = 100 * s + (rng.next() - 0.5) * 50 * s;
      const fy = 120 * s - rng.next() * 40 * s;
      cv.ellipse(fx, fy, (4 + rng.next() * 6) * s, (6 + rng.next() * 10) * s, rng.next() < 0.5 ? [255, 140, 20] : [255, 220, 60], 0.6);
    }
    box = [60 * s, 70 * s, 140 * s, 150 * s];
  }
  if (kind === 'rodent') {
    const rx = (60 + rng.next() * 340) * s;
    const ry = 250 * s;
    cv.ellipse(rx, ry, 13 * s, 7 * s, [95, 90, 88]);
    cv.ellipse(rx + 12 * s, ry - 3 * s, 6 * s, 5 * s, [105, 100, 98]);
    cv.rect(rx - 30 * s, ry + 2 * s, rx - 12 * s, ry + 4 * s, [120, 110, 110]);
    box = [rx - 34 * s, ry - 14 * s, rx + 22 * s, ry + 12 * s];
  }
  // Lighting, white balance and sensor noise; then the AI's box and the system's overlay.
  const d = cv.data;
  for (let i = 0; i < d.length; i += 4) {
    const n = (rng.next() - 0.5) * 10;
    d[i] = clamp(d[i]! * light + tint[0] + n);
    d[i + 1] = clamp(d[i + 1]! * light + tint[1] + n);
    d[i + 2] = clamp(d[i + 2]! * light + tint[2] + n);
  }
  const red: Rgb = [235, 30, 30];
  cv.frame(box[0], box[1], box[2], box[3], red, Math.max(2, Math.round(2 * s)));
  const label = `${kind} ${o.confidence.toFixed(2)}`;
  const sc = Math.max(1, Math.round(s * 1.5));
  cv.rect(box[0], box[1] - 7 * sc - 6, box[0] + label.length * 6 * sc + 5, box[1], red);
  cv.text(label, box[0] + 3, box[1] - 7 * sc - 3, [255, 255, 255], sc, null);
  cv.text(`${o.cameraCode}  ${stamp(o.at)}`, 8 * s, 8 * s, [255, 255, 255], Math.max(1, Math.round(2 * s)));
  return sharp(cv.data, { raw: { width: W, height: H, channels: 4 } }).jpeg({ quality: 72 }).toBuffer();
}

export interface KitchenEvent {
  cameraCode: string;
  eventId: string;
  type: KitchenEventKind;
  at: string;
  confidence: number;
  snapshot: string;
}

/** One event as a camera system sends it: a random kind (by how common it is), confidence and snapshot. */
export async function kitchenEvent(cameraCode: string, rng: Random, at = new Date(), kind: KitchenEventKind = pickKind(rng)): Promise<KitchenEvent> {
  const confidence = Math.round((0.55 + rng.next() * 0.43) * 100) / 100;
  const seed = rng.int(1, 2 ** 31);
  return {
    cameraCode, eventId: `${cameraCode}-${randomUUID()}`, type: kind, at: at.toISOString(), confidence,
    snapshot: (await kitchenSnapshot({ kind, cameraCode, at, confidence, seed })).toString('base64'),
  };
}

export interface KitchenCameraOptions {
  /** `http://host:port` of the platform. */
  url: string;
  cameras: { code: string; token: string }[];
  seed?: number;
}

/**
 * A canteen's camera system (NVR with AI) pushing events to the platform's webhook, each signed in
 * with its camera's token. `post` sends one event (a random camera and kind unless given).
 */
export class KitchenCameraSimulator {
  sent = 0;
  private readonly rng: Random;

  constructor(private readonly opts: KitchenCameraOptions) {
    this.rng = new Random(opts.seed ?? Date.now());
  }

  async post(o: { code?: string; kind?: KitchenEventKind; event?: Partial<KitchenEvent> } = {}): Promise<{ status: number; body: unknown; event: KitchenEvent }> {
    const cam = o.code ? this.opts.cameras.find((c) => c.code === o.code) : this.rng.pick(this.opts.cameras);
    if (!cam) throw new Error(`no camera ${o.code}`);
    const event = { ...await kitchenEvent(cam.code, this.rng, new Date(), o.kind), ...o.event };
    const res = await fetch(new URL('/api/monitoring/kitchen-events', this.opts.url), {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${cam.token}` }, body: JSON.stringify(event),
    });
    const body = await res.json().catch(() => null);
    if (res.ok) this.sent++;
    return { status: res.status, body, event };
  }
}
