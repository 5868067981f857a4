import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { Random } from '../../core/random.ts';

/**
 * The overhead camera of a checkout station (智能结算台), simulated: it photographs one plate on a
 * tray (to register samples of a dish) or a whole tray with a plate or bowl in each compartment.
 * Every dish id has a fixed look, drawn from canteen dish archetypes (rice, tomato and egg, greens,
 * braised pork, noodles, …) with its own colour jitter; every shot varies lighting, white balance,
 * rotation, position, portion size, the placement of the pieces and sensor noise. Seeded, so a
 * test or the demo gets the same photos on every run. Images are encoded as JPEG (default) or PNG.
 */

type Rgb = [number, number, number];
export type DishTexture = 'grains' | 'smooth' | 'strands' | 'chunks' | 'leaves';

/** How a dish looks on every shot. */
export interface DishLook {
  dishId: number;
  archetype: string;
  texture: DishTexture;
  /** The food's ground colour (rice, sauce, broth, strands). */
  base: Rgb;
  /** Colours of pieces, flecks or strands laid over the base. */
  accents: Rgb[];
  /** Pixels per grain, strand period or piece radius. */
  grain: number;
  /** 0–1: how many specular highlights the sauce shows. */
  gloss: number;
  vessel: 'plate' | 'bowl';
}

type Archetype = Omit<DishLook, 'dishId' | 'archetype'> & { name: string };

// Dishes 1–20 take the first twenty; some are near twins on purpose (greens and spinach, braised
// pork and ribs, two egg dishes, two noodle bowls), as a real menu has them.
const ARCHETYPES: Archetype[] = [
  { name: '米饭', texture: 'grains', base: [236, 234, 222], accents: [[250, 248, 240]], grain: 3.2, gloss: 0.1, vessel: 'bowl' },
  { name: '番茄炒蛋', texture: 'chunks', base: [205, 72, 36], accents: [[242, 200, 70], [214, 44, 30], [250, 215, 95]], grain: 9, gloss: 0.7, vessel: 'plate' },
  { name: '清炒青菜', texture: 'leaves', base: [52, 100, 38], accents: [[78, 150, 56], [140, 186, 92], [60, 125, 45]], grain: 10, gloss: 0.6, vessel: 'plate' },
  { name: '红烧肉', texture: 'chunks', base: [112, 44, 22], accents: [[150, 64, 32], [205, 156, 112], [128, 52, 26]], grain: 11, gloss: 0.9, vessel: 'plate' },
  { name: '宫保鸡丁', texture: 'chunks', base: [168, 74, 34], accents: [[222, 182, 122], [124, 74, 34], [196, 34, 24], [90, 150, 60]], grain: 5, gloss: 0.6, vessel: 'plate' },
  { name: '麻婆豆腐', texture: 'chunks', base: [184, 44, 22], accents: [[240, 228, 196], [236, 222, 186], [70, 140, 50]], grain: 8, gloss: 0.8, vessel: 'bowl' },
  { name: '牛肉面', texture: 'strands', base: [236, 214, 150], accents: [[170, 104, 52], [80, 140, 50]], grain: 5, gloss: 0.3, vessel: 'bowl' },
  { name: '酸辣土豆丝', texture: 'strands', base: [236, 206, 124], accents: [[200, 40, 28], [226, 190, 100]], grain: 3, gloss: 0.3, vessel: 'plate' },
  { name: '鸡蛋羹', texture: 'smooth', base: [246, 214, 96], accents: [[210, 170, 70], [90, 150, 60]], grain: 14, gloss: 0.8, vessel: 'bowl' },
  { name: '紫菜蛋花汤', texture: 'smooth', base: [196, 168, 102], accents: [[40, 50, 36], [240, 220, 120]], grain: 5, gloss: 0.5, vessel: 'bowl' },
  { name: '拍黄瓜', texture: 'chunks', base: [150, 180, 110], accents: [[70, 130, 50], [206, 222, 160], [240, 240, 230]], grain: 8, gloss: 0.4, vessel: 'plate' },
  { name: '鱼香肉丝', texture: 'strands', base: [172, 62, 30], accents: [[110, 40, 20], [220, 150, 80], [60, 130, 40]], grain: 3.5, gloss: 0.7, vessel: 'plate' },
  { name: '清炒菠菜', texture: 'leaves', base: [40, 86, 32], accents: [[62, 128, 46], [108, 160, 72], [48, 108, 40]], grain: 9, gloss: 0.6, vessel: 'plate' },
  { name: '红烧排骨', texture: 'chunks', base: [122, 50, 26], accents: [[160, 78, 40], [214, 170, 128], [136, 60, 30]], grain: 10, gloss: 0.8, vessel: 'plate' },
  { name: '彩椒炒蛋', texture: 'chunks', base: [222, 150, 52], accents: [[242, 204, 80], [214, 44, 30], [70, 140, 50]], grain: 8, gloss: 0.6, vessel: 'plate' },
  { name: '炸酱面', texture: 'strands', base: [230, 206, 142], accents: [[100, 60, 30], [90, 150, 60]], grain: 5, gloss: 0.3, vessel: 'bowl' },
  { name: '蒜蓉西兰花', texture: 'chunks', base: [40, 92, 34], accents: [[56, 120, 42], [34, 80, 30], [230, 225, 190]], grain: 7, gloss: 0.3, vessel: 'plate' },
  { name: '糖醋里脊', texture: 'chunks', base: [210, 96, 40], accents: [[228, 130, 56], [196, 80, 36], [250, 240, 220]], grain: 9, gloss: 1, vessel: 'plate' },
  { name: '土豆烧牛肉', texture: 'chunks', base: [150, 90, 40], accents: [[226, 190, 110], [120, 60, 30], [200, 110, 50]], grain: 9, gloss: 0.6, vessel: 'plate' },
  { name: '木耳炒蛋', texture: 'chunks', base: [60, 46, 40], accents: [[30, 24, 22], [244, 206, 80], [90, 150, 60]], grain: 8, gloss: 0.5, vessel: 'plate' },
  { name: '酸菜鱼', texture: 'chunks', base: [222, 196, 106], accents: [[246, 242, 228], [200, 40, 30], [140, 170, 80]], grain: 10, gloss: 0.6, vessel: 'bowl' },
  { name: '红烧茄子', texture: 'chunks', base: [120, 60, 50], accents: [[88, 40, 70], [200, 170, 120], [70, 30, 50]], grain: 9, gloss: 0.9, vessel: 'plate' },
  { name: '胡萝卜炒肉', texture: 'strands', base: [226, 120, 40], accents: [[240, 150, 60], [170, 100, 70]], grain: 4, gloss: 0.4, vessel: 'plate' },
  { name: '馒头', texture: 'smooth', base: [244, 240, 226], accents: [[232, 226, 208], [250, 248, 240]], grain: 22, gloss: 0, vessel: 'plate' },
  { name: '玉米粒', texture: 'grains', base: [240, 200, 60], accents: [[250, 220, 90], [110, 160, 60]], grain: 4.5, gloss: 0.3, vessel: 'bowl' },
  { name: '糙米饭', texture: 'grains', base: [214, 196, 160], accents: [[224, 206, 172]], grain: 3.4, gloss: 0.1, vessel: 'bowl' },
];

const clamp = (x: number, lo = 0, hi = 255) => (x < lo ? lo : x > hi ? hi : x);
const jitter = (rng: Random, c: Rgb, by: number): Rgb => [clamp(c[0] + (rng.next() * 2 - 1) * by), clamp(c[1] + (rng.next() * 2 - 1) * by), clamp(c[2] + (rng.next() * 2 - 1) * by)];
const seedOf = (...xs: number[]) => xs.reduce((h, x) => Math.imul(h ^ (x | 0), 0x9e3779b1) >>> 0, 0x811c9dc5);

/** The fixed look of a dish id: an archetype (by id, so ids 1–26 are all different) with its own colour jitter. */
export function dishLook(dishId: number): DishLook {
  const n = ARCHETYPES.length;
  const a = ARCHETYPES[((((dishId - 1) % n) + n) % n)]!;
  const rng = new Random(seedOf(dishId, 7));
  return {
    dishId,
    archetype: a.name,
    texture: a.texture,
    base: jitter(rng, a.base, 14),
    accents: a.accents.map((c) => jitter(rng, c, 14)),
    grain: a.grain * (0.85 + rng.next() * 0.3),
    gloss: a.gloss,
    vessel: a.vessel,
  };
}

/** A compartment of a tray as fractions of the tray photo (x, y, width, height in 0–1). */
export interface TrayCompartment {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The trays the simulated station knows. The recogniser is given the same boxes as its layout. */
export const SIMULATED_TRAYS: Record<'2x2' | '3-compartment', TrayCompartment[]> = {
  '2x2': [
    { x: 0.04, y: 0.05, w: 0.45, h: 0.43 },
    { x: 0.51, y: 0.05, w: 0.45, h: 0.43 },
    { x: 0.04, y: 0.52, w: 0.45, h: 0.43 },
    { x: 0.51, y: 0.52, w: 0.45, h: 0.43 },
  ],
  '3-compartment': [
    { x: 0.04, y: 0.05, w: 0.45, h: 0.43 },
    { x: 0.51, y: 0.05, w: 0.45, h: 0.43 },
    { x: 0.04, y: 0.52, w: 0.92, h: 0.43 },
  ],
};

export interface TrayCameraOptions {
  seed?: number;
  format?: 'jpeg' | 'png';
  /** JPEG quality, 1–100. */
  quality?: number;
  /** Size of a single-plate photo; a tray photo is twice as wide and high. */
  width?: number;
  height?: number;
  /** Colour of the tray (stainless steel by default). */
  tray?: Rgb;
}

/** RGB canvas of floats, drawn in layers and encoded at the end. */
class Canvas {
  readonly px: Float32Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.px = new Float32Array(width * height * 3);
  }

  fill(x0: number, y0: number, x1: number, y1: number, c: Rgb): void {
    for (let y = Math.max(0, Math.round(y0)); y < Math.min(this.height, Math.round(y1)); y++) {
      for (let x = Math.max(0, Math.round(x0)); x < Math.min(this.width, Math.round(x1)); x++) this.set(x, y, c[0], c[1], c[2]);
    }
  }

  set(x: number, y: number, r: number, g: number, b: number, alpha = 1): void {
    const i = (y * this.width + x) * 3;
    this.px[i] = this.px[i]! * (1 - alpha) + r * alpha;
    this.px[i + 1] = this.px[i + 1]! * (1 - alpha) + g * alpha;
    this.px[i + 2] = this.px[i + 2]! * (1 - alpha) + b * alpha;
  }

  scale(x: number, y: number, k: number): void {
    const i = (y * this.width + x) * 3;
    this.px[i]! *= k;
    this.px[i + 1]! *= k;
    this.px[i + 2]! *= k;
  }
}

/** A lattice value in [0, 1) from a hash (hot: called several times per pixel, so no closures). */
function lattice(i: number, j: number, seed: number): number {
  let h = Math.imul(0x811c9dc5 ^ i, 0x9e3779b1);
  h = Math.imul(h ^ j, 0x9e3779b1);
  h = Math.imul(h ^ seed, 0x9e3779b1);
  return ((h >>> 0) & 0xffff) / 0x10000;
}

/** Smooth value noise in [0, 1) on an integer lattice: no tables, any seed. */
function valueNoise(x: number, y: number, seed: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const h00 = lattice(x0, y0, seed);
  const h01 = lattice(x0, y0 + 1, seed);
  const a = h00 + (lattice(x0 + 1, y0, seed) - h00) * sx;
  const b = h01 + (lattice(x0 + 1, y0 + 1, seed) - h01) * sx;
  return a + (b - a) * sy;
}

interface Piece {
  x: number;
  y: number;
  rx: number;
  ry: number;
  cos: number;
  sin: number;
  colour: Rgb;
}

/** Pieces bucketed by cells of the food's bounding square, so a pixel tests only the pieces near it. */
class PieceGrid {
  private static readonly CELL = 12;
  private readonly cells: Piece[][];
  private readonly n: number;

  constructor(
    pieces: Piece[],
    private readonly extent: number,
  ) {
    this.n = Math.ceil((2 * extent) / PieceGrid.CELL) + 1;
    this.cells = Array.from({ length: this.n * this.n }, () => []);
    for (const p of pieces) {
      const reach = Math.max(p.rx, p.ry);
      const [a0, b0] = [this.cell(p.x - reach), this.cell(p.y - reach)];
      const [a1, b1] = [this.cell(p.x + reach), this.cell(p.y + reach)];
      for (let b = b0; b <= b1; b++) for (let a = a0; a <= a1; a++) this.cells[b * this.n + a]!.push(p);
    }
  }

  private cell(offset: number): number {
    return Math.min(this.n - 1, Math.max(0, Math.floor((offset + this.extent) / PieceGrid.CELL)));
  }

  /** The pieces that may cover a point (relative to the food's centre), in drawing order. */
  at(x: number, y: number): Piece[] {
    return this.cells[this.cell(y) * this.n + this.cell(x)]!;
  }
}

interface Shot {
  rng: Random;
  seed: number;
  angle: number;
  portion: number;
}

export class TrayCamera {
  private readonly rng: Random;
  private readonly format: 'jpeg' | 'png';
  private readonly quality: number;
  private readonly width: number;
  private readonly height: number;
  private readonly trayColour: Rgb;
  private shots = 0;

  constructor(options: TrayCameraOptions = {}) {
    this.rng = new Random(options.seed ?? 1);
    this.format = options.format ?? 'jpeg';
    this.quality = options.quality ?? 85;
    this.width = options.width ?? 320;
    this.height = options.height ?? 240;
    this.trayColour = options.tray ?? [150, 156, 162];
  }

  /** Plate radius in pixels of a single-plate photo; the tray photo shows plates at the same size. */
  private get plateRadius(): number {
    return Math.min(this.width, this.height) * 0.4;
  }

  /** One plate (or bowl) of the dish on a piece of tray, as a photo. */
  dish(dishId: number): Uint8Array {
    const c = new Canvas(this.width, this.height);
    c.fill(0, 0, c.width, c.height, this.trayColour);
    const r = this.rng;
    const dx = (r.next() * 2 - 1) * this.width * 0.08;
    const dy = (r.next() * 2 - 1) * this.height * 0.06;
    this.drawDish(c, this.width / 2 + dx, this.height / 2 + dy, dishLook(dishId));
    return this.develop(c);
  }

  /**
   * A tray with one dish (or nothing, for null) per compartment, in the order of the layout's
   * compartments. The tray sits a few pixels off its nominal place, as it would on a real station.
   */
  tray(dishes: readonly (number | null)[], layout: readonly TrayCompartment[] = SIMULATED_TRAYS['2x2']): Uint8Array {
    const W = this.width * 2;
    const H = this.height * 2;
    const c = new Canvas(W, H);
    const r = this.rng;
    const ox = (r.next() * 2 - 1) * W * 0.008;
    const oy = (r.next() * 2 - 1) * H * 0.008;
    const rim: Rgb = [this.trayColour[0] + 14, this.trayColour[1] + 14, this.trayColour[2] + 14];
    c.fill(0, 0, W, H, rim);
    layout.forEach((box, i) => {
      const x0 = box.x * W + ox;
      const y0 = box.y * H + oy;
      c.fill(x0, y0, x0 + box.w * W, y0 + box.h * H, this.trayColour);
      const id = dishes[i];
      if (id == null) {
        this.crumbs(c, x0, y0, box.w * W, box.h * H);
        return;
      }
      const slackX = Math.max(0, box.w * W / 2 - this.plateRadius * 1.05);
      const slackY = Math.max(0, box.h * H / 2 - this.plateRadius * 1.05);
      const cx = x0 + (box.w * W) / 2 + (r.next() * 2 - 1) * slackX * 0.7;
      const cy = y0 + (box.h * H) / 2 + (r.next() * 2 - 1) * slackY * 0.7;
      this.drawDish(c, cx, cy, dishLook(id));
    });
    return this.develop(c);
  }

  /** A few grains or drops left in an empty compartment: not a dish, but not a clean tray either. */
  private crumbs(c: Canvas, x0: number, y0: number, w: number, h: number): void {
    const r = this.rng;
    const n = r.int(0, 4);
    for (let k = 0; k < n; k++) {
      const x = Math.round(x0 + w * (0.15 + r.next() * 0.7));
      const y = Math.round(y0 + h * (0.15 + r.next() * 0.7));
      const colour: Rgb = r.next() < 0.5 ? [236, 234, 222] : [150, 70, 30];
      for (let yy = y - 1; yy <= y + 1; yy++) for (let xx = x - 2; xx <= x + 2; xx++) if (xx >= 0 && yy >= 0 && xx < c.width && yy < c.height) c.set(xx, yy, ...colour);
    }
  }

  /** The same dish from another pot: a little lighter or darker, more or less sauce colour. */
  private cook(look: DishLook): DishLook {
    const r = this.rng;
    const overall = 0.9 + r.next() * 0.2;
    const vary = (c: Rgb): Rgb => [clamp(c[0] * overall * (0.94 + r.next() * 0.12)), clamp(c[1] * overall * (0.94 + r.next() * 0.12)), clamp(c[2] * overall * (0.94 + r.next() * 0.12))];
    return { ...look, base: vary(look.base), accents: look.accents.map(vary), grain: look.grain * (0.9 + r.next() * 0.2) };
  }

  private drawDish(c: Canvas, cx: number, cy: number, dish: DishLook): void {
    const r = this.rng;
    const look = this.cook(dish);
    const shot: Shot = { rng: r, seed: seedOf(++this.shots, r.int(0, 1e9)), angle: r.next() * Math.PI * 2, portion: 0.62 + r.next() * 0.34 };
    const zoom = 0.96 + r.next() * 0.08;
    const bowl = look.vessel === 'bowl';
    const R = this.plateRadius * (bowl ? 0.82 : 1) * zoom;
    const inner = R * (bowl ? 0.86 : 0.76);
    const food = inner * shot.portion;
    const phases = [r.next() * 6.28, r.next() * 6.28, r.next() * 6.28];
    const pieces = new PieceGrid(this.pieces(look, shot, food), food);
    const lift = look.texture === 'smooth' ? 0.9 : 1;
    const x0 = Math.max(0, Math.floor(cx - R - 8));
    const x1 = Math.min(c.width - 1, Math.ceil(cx + R + 8));
    const y0 = Math.max(0, Math.floor(cy - R - 8));
    const y1 = Math.min(c.height - 1, Math.ceil(cy + R + 8));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        // Shadow of the vessel, down and to the right of the light.
        const ds = Math.sqrt((x - cx - 5) ** 2 + (y - cy - 6) ** 2);
        const d = Math.sqrt((x - cx) ** 2 + (y - cy) ** 2);
        if (d > R) {
          if (ds < R + 2) c.scale(x, y, 0.8 + 0.2 * Math.min(1, Math.max(0, (ds - R + 6) / 8)));
          continue;
        }
        // The vessel: white china, a grey line at its outer edge, the well a touch darker.
        const edge = R - d < 2 ? 0.78 : 1;
        const well = d < inner ? 0.95 - (bowl ? 0.12 * (d / inner) ** 2 : 0) : 1 - 0.05 * ((d - inner) / (R - inner));
        const china = 246 * edge * well;
        c.set(x, y, china, china, china - 4);
        const theta = Math.atan2(y - cy, x - cx);
        const border = food * (1 + 0.07 * Math.sin(3 * theta + phases[0]!) + 0.05 * Math.sin(5 * theta + phases[1]!) + 0.03 * Math.sin(9 * theta + phases[2]!));
        if (d > border) continue;
        const col = this.foodColour(look, shot, x - cx, y - cy, pieces);
        // Food is heaped: a little darker towards its edge, where it meets the plate.
        const heap = lift * (0.86 + 0.14 * Math.sqrt(Math.max(0, 1 - (d / border) ** 2)));
        c.set(x, y, col[0] * heap, col[1] * heap, col[2] * heap, border - d < 1.5 ? 0.6 : 1);
      }
    }
    if (r.next() < 0.3) this.glare(c, cx + (r.next() * 2 - 1) * R * 0.5, cy + (r.next() * 2 - 1) * R * 0.5, R * (0.15 + r.next() * 0.2));
    if (r.next() < 0.25) this.spoon(c, cx, cy, R);
  }

  /** A reflection of the station's lamp: a soft bright patch. */
  private glare(c: Canvas, gx: number, gy: number, radius: number): void {
    for (let y = Math.max(0, Math.floor(gy - radius)); y < Math.min(c.height, gy + radius); y++) {
      for (let x = Math.max(0, Math.floor(gx - radius)); x < Math.min(c.width, gx + radius); x++) {
        const d = Math.sqrt((x - gx) ** 2 + (y - gy) ** 2) / radius;
        if (d < 1) c.set(x, y, 255, 255, 255, 0.55 * (1 - d * d));
      }
    }
  }

  /** A steel spoon lying across the plate, handle outwards. */
  private spoon(c: Canvas, cx: number, cy: number, R: number): void {
    const r = this.rng;
    const a = r.next() * Math.PI * 2;
    const ca = Math.cos(a);
    const sa = Math.sin(a);
    const start = R * (0.2 + r.next() * 0.3);
    const length = R * 1.3;
    for (let y = Math.max(0, Math.floor(cy - 2 * R)); y < Math.min(c.height, cy + 2 * R); y++) {
      for (let x = Math.max(0, Math.floor(cx - 2 * R)); x < Math.min(c.width, cx + 2 * R); x++) {
        const along = (x - cx) * ca + (y - cy) * sa - start;
        const across = -(x - cx) * sa + (y - cy) * ca;
        const half = along < R * 0.28 ? R * 0.12 * Math.sqrt(Math.max(0, 1 - ((along - R * 0.14) / (R * 0.14)) ** 2)) : R * 0.035;
        if (along < 0 || along > length || Math.abs(across) > half) continue;
        const k = 0.85 + 0.3 * (0.5 - Math.abs(across) / (2 * half + 1e-9));
        c.set(x, y, 196 * k, 198 * k, 202 * k);
      }
    }
  }

  /** Pieces (chunks, leaves, flecks) scattered over the food for this shot. */
  private pieces(look: DishLook, shot: Shot, food: number): Piece[] {
    const r = shot.rng;
    const out: Piece[] = [];
    const chunky = look.texture === 'chunks' || look.texture === 'leaves';
    const size = look.grain;
    const count = chunky ? Math.round(((food * food) / (size * size)) * 0.55) : look.texture === 'smooth' ? Math.round(food / size) * 3 : Math.round(food / 10);
    for (let k = 0; k < count; k++) {
      const rr = food * Math.sqrt(r.next()) * 0.95;
      const t = r.next() * Math.PI * 2;
      const a = r.next() * Math.PI;
      const s = (chunky || look.texture === 'smooth' ? size : size * 0.5) * (0.7 + r.next() * 0.6);
      const elong = look.texture === 'leaves' ? 2.2 : look.texture === 'chunks' ? 1 + r.next() * 0.5 : 1;
      const pool = look.texture === 'grains' || look.texture === 'strands' ? look.accents.slice(1) : look.accents;
      if (!pool.length) break;
      out.push({ x: rr * Math.cos(t), y: rr * Math.sin(t), rx: s * elong, ry: s, cos: Math.cos(a), sin: Math.sin(a), colour: r.pick(pool) });
    }
    return out;
  }

  private foodColour(look: DishLook, shot: Shot, x: number, y: number, grid: PieceGrid): Rgb {
    const ca = Math.cos(shot.angle);
    const sa = Math.sin(shot.angle);
    const u = x * ca - y * sa;
    const v = x * sa + y * ca;
    const g = look.grain;
    const [br, bg, bb] = look.base;
    let col: Rgb;
    switch (look.texture) {
      case 'grains': {
        // Grains as cells of a jittered lattice, each a little brighter or darker, with dark seams.
        const gu = u / g + valueNoise(u / 9, v / 9, shot.seed) * 0.8;
        const gv = v / (g * 0.62);
        const cu = Math.floor(gu + (Math.floor(gv) % 2) * 0.5);
        const fu = gu + (Math.floor(gv) % 2) * 0.5 - cu;
        const fv = gv - Math.floor(gv);
        const k = 0.84 + 0.28 * lattice(cu, Math.floor(gv), shot.seed);
        const seam = fu < 0.14 || fv < 0.16 ? 0.78 : 1;
        const grain = look.accents[0] ?? look.base;
        col = [grain[0] * k * seam, grain[1] * k * seam, grain[2] * k * seam];
        break;
      }
      case 'strands': {
        // Noodles or shreds: bright strands along a wavy direction over darker sauce in the gaps.
        const wave = v / g + 2.2 * valueNoise(u / 28, v / 28, shot.seed) + 0.8 * valueNoise(u / 9, v / 9, shot.seed + 1);
        const s = Math.sin(wave * Math.PI);
        const k = s > -0.35 ? 0.8 + 0.3 * s : 0.55;
        col = [br * k, bg * k, bb * k];
        break;
      }
      case 'smooth': {
        const n = valueNoise(u / g, v / g, shot.seed) * 0.6 + valueNoise(u / 3, v / 3, shot.seed + 2) * 0.4;
        const k = 0.9 + 0.16 * n;
        col = [br * k, bg * k, bb * k];
        break;
      }
      default: {
        // Sauce under the pieces: mottled.
        const n = valueNoise(u / 6, v / 6, shot.seed);
        const k = 0.82 + 0.25 * n;
        col = [br * k, bg * k, bb * k];
      }
    }
    // Pieces on top, the last drawn uppermost; shaded as if lit from the top left.
    const near = grid.at(x, y);
    for (let i = near.length - 1; i >= 0; i--) {
      const p = near[i]!;
      const px = x - p.x;
      const py = y - p.y;
      const a = (px * p.cos + py * p.sin) / p.rx;
      const b = (-px * p.sin + py * p.cos) / p.ry;
      const q = a * a + b * b;
      if (q > 1) continue;
      const shade = 1.08 - 0.22 * ((px + py) / (p.rx + p.ry) + 0.5) - 0.12 * q;
      col = [p.colour[0] * shade, p.colour[1] * shade, p.colour[2] * shade];
      break;
    }
    // Specular highlights on a glossy sauce.
    if (look.gloss > 0 && valueNoise(u / 3.5, v / 3.5, shot.seed + 3) > 1 - 0.1 * look.gloss) col = [col[0] * 0.4 + 150, col[1] * 0.4 + 150, col[2] * 0.4 + 150];
    return col;
  }

  /** Lighting, white balance, vignetting and sensor noise over the whole frame, then encoding. */
  private develop(c: Canvas): Uint8Array {
    const r = this.rng;
    const light = 0.78 + r.next() * 0.4;
    const tint: Rgb = [1 + (r.next() * 2 - 1) * 0.07, 1 + (r.next() * 2 - 1) * 0.04, 1 + (r.next() * 2 - 1) * 0.07];
    const gx = (r.next() * 2 - 1) * 0.12;
    const gy = (r.next() * 2 - 1) * 0.12;
    const sigma = 2 + r.next() * 5;
    const rgba = new Uint8Array(c.width * c.height * 4);
    for (let y = 0; y < c.height; y++) {
      for (let x = 0; x < c.width; x++) {
        const fall = light * (1 + gx * (x / c.width - 0.5) + gy * (y / c.height - 0.5));
        const i = y * c.width + x;
        // A cheap near-Gaussian: the sum of two uniforms, scaled to sigma.
        const noise = (r.next() + r.next() - 1) * sigma * 2.45;
        for (let ch = 0; ch < 3; ch++) rgba[i * 4 + ch] = clamp(Math.round(c.px[i * 3 + ch]! * fall * tint[ch]! + noise));
        rgba[i * 4 + 3] = 255;
      }
    }
    if (this.format === 'png') return new Uint8Array(PNG.sync.write(Object.assign(new PNG({ width: c.width, height: c.height }), { data: Buffer.from(rgba.buffer) })));
    return new Uint8Array(jpeg.encode({ width: c.width, height: c.height, data: rgba }, this.quality).data);
  }
}
