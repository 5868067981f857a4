import type { RgbImage } from './image.ts';

/*
 * What a dish photo is reduced to, and why.
 *
 * The station camera looks straight down at a plate or bowl on a tray. So the features are built
 * around the plate rather than the frame:
 * - The plate is found as what differs from the colour along the image border (the tray), and its
 *   centre and equivalent radius R fix position and scale: the picture is resampled so that R is
 *   about 48 pixels, which makes the texture statistics independent of where the dish sits and of
 *   the crop size (a tray compartment or a whole photo).
 * - The plate's white rim serves as the white reference (per-channel gain from a high percentile),
 *   which cancels most of the lighting and white-balance drift between shots.
 * - Colour is a soft HSV histogram (hue × saturation × value, and grey levels for unsaturated
 *   pixels) of two concentric zones, the centre of the plate and the ring around it. Concentric
 *   zones rather than a grid keep it rotation invariant: a plate has no "up".
 * - Texture is rotation-invariant too: uniform local binary patterns at two radii (grains, noise,
 *   strands), a histogram of gradient magnitudes (smooth sauce vs chunks), and a histogram of
 *   gradient orientations turned so its strongest bin comes first (noodles and leaves are directional).
 * Every block is a normalised histogram stored as its square root times √weight, so the dot product
 * of two vectors is the weighted Bhattacharyya coefficient: a similarity in [0, 1] that needs no
 * decoding at query time and can be stored as a plain number array.
 * Deep features would recognise real dishes better (domain-facts: ~82 % top-1 on open sets); this
 * runs anywhere in a few milliseconds, and the station only has to tell apart today's menu.
 */

const HUE_BINS = 16;
const SAT_CENTRES = [0.3, 0.75];
const VAL_CENTRES = [0.35, 0.8];
const GREY_CENTRES = [0.15, 0.45, 0.7, 0.92];
const GREY_OFFSET = HUE_BINS * SAT_CENTRES.length * VAL_CENTRES.length;
const COLOUR_BINS = GREY_OFFSET + GREY_CENTRES.length;
const LBP_BINS = 10;
const MAG_BINS = 8;
const ORIENT_BINS = 8;
/** log2(1 + Sobel magnitude) from 3 (sensor noise) to 10 (a dark chunk on white rice). */
const MAG_CENTRES = Array.from({ length: MAG_BINS }, (_, i) => 3 + i);

/** The plate's radius after resampling, in work pixels. */
const WORK_RADIUS = 48;
/** Zones by distance from the plate centre, as a fraction of its radius. */
const INNER = 0.5;
const OUTER = 0.82;

interface Block {
  name: string;
  size: number;
  weight: number;
}

// Weights: colour of the plate's centre tells most dishes apart; texture is kept at a third so that
// dishes of one colour (rice and steamed bun, two braised meats) still differ. On the simulated
// station, colour alone scores best, but a simulator's textures are cruder than food's.
const BLOCKS: Block[] = [
  { name: 'colour-centre', size: COLOUR_BINS, weight: 0.45 },
  { name: 'colour-ring', size: COLOUR_BINS, weight: 0.2 },
  { name: 'lbp-1', size: LBP_BINS, weight: 0.1 },
  { name: 'lbp-2', size: LBP_BINS, weight: 0.05 },
  { name: 'gradient-magnitude', size: MAG_BINS, weight: 0.1 },
  { name: 'gradient-orientation', size: ORIENT_BINS, weight: 0.1 },
];

/** Names the feature layout; stored features of another version must be computed again. */
export const FEATURE_VERSION = 'plate-hsv-lbp-grad/1';
export const FEATURE_LENGTH = BLOCKS.reduce((s, b) => s + b.size, 0);

/** Where the plate is: its centre and equivalent radius in pixels of the image, and the border colour. */
export interface PlateEstimate {
  cx: number;
  cy: number;
  radius: number;
  background: [number, number, number];
  /** Share of the image that differs from the border colour. */
  foreground: number;
}

/** Per-channel median of the outer strip of the image: the tray or table around the plate. */
export function borderColour(img: RgbImage, strip = 0.04): [number, number, number] {
  const { width: w, height: h, data } = img;
  const bw = Math.max(1, Math.round(Math.min(w, h) * strip));
  const step = Math.max(1, Math.floor(Math.max(w, h) / 200));
  const hist = new Uint32Array(3 * 256);
  let n = 0;
  for (let y = 0; y < h; y += step) {
    const edgeRow = y < bw || y >= h - bw;
    for (let x = 0; x < w; x += edgeRow ? step : Math.max(1, w - bw)) {
      // Rows in the strip are sampled across; the others only at both ends.
      for (let d = 0; d < (edgeRow ? 1 : bw); d++) {
        const i = (y * w + x + d) * 3;
        hist[data[i]!]!++;
        hist[256 + data[i + 1]!]!++;
        hist[512 + data[i + 2]!]!++;
        n++;
      }
    }
  }
  const median = (c: number) => {
    let seen = 0;
    for (let v = 0; v < 256; v++) if ((seen += hist[c * 256 + v]!) * 2 >= n) return v;
    return 255;
  };
  return [median(0), median(1), median(2)];
}

/** Minimum colour difference (largest channel difference, 0–255) that counts as "not the tray". */
export const FOREGROUND_DIFF = 36;

/** Finds the plate by its difference from the border colour, on a coarse sampling of the image. */
export function estimatePlate(img: RgbImage, background = borderColour(img)): PlateEstimate {
  const { width: w, height: h, data } = img;
  const step = Math.max(1, Math.floor(Math.min(w, h) / 80));
  const [br, bg, bb] = background;
  let n = 0;
  let fg = 0;
  let sx = 0;
  let sy = 0;
  for (let y = step >> 1; y < h; y += step) {
    for (let x = step >> 1; x < w; x += step) {
      const i = (y * w + x) * 3;
      n++;
      const d = Math.max(Math.abs(data[i]! - br), Math.abs(data[i + 1]! - bg), Math.abs(data[i + 2]! - bb));
      if (d > FOREGROUND_DIFF) {
        fg++;
        sx += x;
        sy += y;
      }
    }
  }
  const foreground = fg / n;
  // Too little to be a plate, or nothing but plate: fall back to the middle of the frame.
  if (foreground < 0.03 || foreground > 0.97) return { cx: w / 2, cy: h / 2, radius: Math.min(w, h) * 0.45, background, foreground };
  return { cx: sx / fg, cy: sy / fg, radius: Math.sqrt((fg * step * step) / Math.PI), background, foreground };
}

/** Area-averaged resampling of the square around the plate, so that the plate radius becomes WORK_RADIUS. */
function resample(img: RgbImage, plate: PlateEstimate) {
  const scale = plate.radius / WORK_RADIUS;
  const size = 2 * WORK_RADIUS + 1;
  const out = new Float32Array(size * size * 3);
  const inside = new Uint8Array(size * size);
  const k = Math.max(1, Math.round(scale));
  const { width: w, height: h, data } = img;
  for (let v = 0; v < size; v++) {
    const y0 = Math.round(plate.cy + (v - WORK_RADIUS) * scale - k / 2);
    if (y0 < 0 || y0 + k > h) continue;
    for (let u = 0; u < size; u++) {
      const x0 = Math.round(plate.cx + (u - WORK_RADIUS) * scale - k / 2);
      if (x0 < 0 || x0 + k > w) continue;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = y0; y < y0 + k; y++) {
        let i = (y * w + x0) * 3;
        for (let x = 0; x < k; x++, i += 3) {
          r += data[i]!;
          g += data[i + 1]!;
          b += data[i + 2]!;
        }
      }
      const o = (v * size + u) * 3;
      const kk = k * k;
      out[o] = r / kk;
      out[o + 1] = g / kk;
      out[o + 2] = b / kk;
      inside[v * size + u] = 1;
    }
  }
  return { size, rgb: out, inside };
}

/** Per-channel gains that bring the brightest few per cent of the plate (its white rim) to near white. */
function whiteGains(rgb: Float32Array, zone: Uint8Array): [number, number, number] {
  const hist = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  let n = 0;
  for (let p = 0; p < zone.length; p++) {
    if (!zone[p]) continue;
    n++;
    for (let c = 0; c < 3; c++) hist[c]![Math.min(255, rgb[p * 3 + c]! | 0)]!++;
  }
  const gains: [number, number, number] = [1, 1, 1];
  for (let c = 0; c < 3; c++) {
    let seen = 0;
    let v = 255;
    while (v > 0 && seen + hist[c]![v]! < n * 0.04) seen += hist[c]![v--]!;
    gains[c] = Math.min(1.6, Math.max(0.7, 235 / Math.max(1, v)));
  }
  return gains;
}

// Soft binning writes here instead of returning tuples: this runs for every pixel.
let binIndex = 0;
let binShare = 0;

/** Sets binIndex to the bin at or below x among sorted centres and binShare to the share of the next one. */
function softIndex(centres: readonly number[], x: number): void {
  binIndex = centres.length - 1;
  binShare = 0;
  if (x <= centres[0]!) {
    binIndex = 0;
    return;
  }
  for (let i = 0; i < centres.length - 1; i++) {
    if (x < centres[i + 1]!) {
      binIndex = i;
      binShare = (x - centres[i]!) / (centres[i + 1]! - centres[i]!);
      return;
    }
  }
}

function soft1(hist: Float64Array, offset: number, centres: readonly number[], x: number, weight: number): void {
  softIndex(centres, x);
  hist[offset + binIndex]! += weight * (1 - binShare);
  if (binShare) hist[offset + binIndex + 1]! += weight * binShare;
}

/** Adds one pixel to a colour histogram, spread over the neighbouring hue, saturation and value bins. */
function addColour(hist: Float64Array, r: number, g: number, b: number): void {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const v = max / 255;
  const s = max > 0 ? (max - min) / max : 0;
  const chroma = Math.min(1, Math.max(0, (s - 0.1) / 0.12)) * Math.min(1, Math.max(0, (v - 0.08) / 0.1));
  if (chroma < 1) soft1(hist, GREY_OFFSET, GREY_CENTRES, v, 1 - chroma);
  if (chroma <= 0) return;
  const d = max - min;
  let hue = max === r ? (g - b) / d : max === g ? 2 + (b - r) / d : 4 + (r - g) / d;
  hue = ((hue / 6 + 1) % 1) * HUE_BINS - 0.5;
  const h0 = Math.floor(hue);
  const hf = hue - h0;
  const ha = (h0 + HUE_BINS) % HUE_BINS;
  const hb = (h0 + 1) % HUE_BINS;
  softIndex(SAT_CENTRES, s);
  const s0 = binIndex;
  const sf = binShare;
  softIndex(VAL_CENTRES, v);
  const v0 = binIndex;
  const vf = binShare;
  const nv = VAL_CENTRES.length;
  const stride = SAT_CENTRES.length * nv;
  for (let si = 0; si < 2; si++) {
    const sw = si ? sf : 1 - sf;
    if (!sw) continue;
    for (let vi = 0; vi < 2; vi++) {
      const vw = vi ? vf : 1 - vf;
      if (!vw) continue;
      const cell = (s0 + si) * nv + v0 + vi;
      const w = chroma * sw * vw;
      hist[ha * stride + cell]! += w * (1 - hf);
      hist[hb * stride + cell]! += w * hf;
    }
  }
}

const NEIGHBOURS = [[1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1]] as const;

/** Rotation-invariant uniform LBP (riu2) of each 8-bit pattern: the number of brighter neighbours when they form one arc, else 9. */
const RIU2 = Uint8Array.from({ length: 256 }, (_, bits) => {
  let ones = 0;
  let transitions = 0;
  for (let k = 0; k < 8; k++) {
    ones += (bits >> k) & 1;
    transitions += ((bits >> k) & 1) ^ ((bits >> ((k + 1) % 8)) & 1);
  }
  return transitions <= 2 ? ones : 9;
});

/** Offsets of the 8 neighbours at a radius, in a square image of side `size`. */
const neighbourOffsets = (size: number, radius: number) => Int32Array.from(NEIGHBOURS, ([dx, dy]) => dy * radius * size + dx * radius);

function lbp(grey: Float32Array, p: number, offsets: Int32Array): number {
  const c = grey[p]! + 3; // a small margin keeps sensor noise from flipping flat areas
  let bits = 0;
  for (let k = 0; k < 8; k++) if (grey[p + offsets[k]!]! >= c) bits |= 1 << k;
  return RIU2[bits]!;
}

/** The feature vector of a decoded dish photo (a plate or bowl seen from above). */
export function extractFeatures(img: RgbImage, plate = estimatePlate(img)): number[] {
  const { size, rgb, inside } = resample(img, plate);
  const zone = new Uint8Array(size * size); // 1 centre, 2 ring, 3 plate rim
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      const p = v * size + u;
      if (!inside[p]) continue;
      const r = Math.sqrt((u - WORK_RADIUS) ** 2 + (v - WORK_RADIUS) ** 2) / WORK_RADIUS;
      zone[p] = r < INNER ? 1 : r < OUTER ? 2 : r <= 1.05 ? 3 : 0;
    }
  }
  const [gr, gg, gb] = whiteGains(rgb, zone);
  const grey = new Float32Array(size * size);
  const hist = BLOCKS.map((b) => new Float64Array(b.size));
  for (let p = 0; p < size * size; p++) {
    const r = Math.min(255, rgb[p * 3]! * gr);
    const g = Math.min(255, rgb[p * 3 + 1]! * gg);
    const b = Math.min(255, rgb[p * 3 + 2]! * gb);
    grey[p] = 0.299 * r + 0.587 * g + 0.114 * b;
    const z = zone[p]!;
    if (z === 1) addColour(hist[0]!, r, g, b);
    else if (z === 2) addColour(hist[1]!, r, g, b);
  }
  const orient = new Float64Array(ORIENT_BINS * 2);
  const near = neighbourOffsets(size, 1);
  const far = neighbourOffsets(size, 2);
  for (let y = 2; y < size - 2; y++) {
    for (let x = 2; x < size - 2; x++) {
      const p = y * size + x;
      const z = zone[p]!;
      if (z !== 1 && z !== 2) continue;
      hist[2]![lbp(grey, p, near)]!++;
      hist[3]![lbp(grey, p, far)]!++;
      const gx = grey[p - size + 1]! + 2 * grey[p + 1]! + grey[p + size + 1]! - grey[p - size - 1]! - 2 * grey[p - 1]! - grey[p + size - 1]!;
      const gy = grey[p + size - 1]! + 2 * grey[p + size]! + grey[p + size + 1]! - grey[p - size - 1]! - 2 * grey[p - size]! - grey[p - size + 1]!;
      const mag = Math.sqrt(gx * gx + gy * gy);
      soft1(hist[4]!, 0, MAG_CENTRES, Math.log2(1 + mag), 1);
      if (mag > 24) {
        // Orientation modulo π, doubled-resolution accumulator, rotated to the strongest bin below.
        const a = ((Math.atan2(gy, gx) + Math.PI) % Math.PI) / Math.PI;
        orient[Math.min(ORIENT_BINS * 2 - 1, Math.floor(a * ORIENT_BINS * 2))]! += mag;
      }
    }
  }
  foldOrientation(orient, hist[5]!);
  const out: number[] = [];
  BLOCKS.forEach((block, i) => {
    const h = hist[i]!;
    let sum = 0;
    for (const x of h) sum += x;
    const k = Math.sqrt(block.weight);
    for (const x of h) out.push(sum > 0 ? k * Math.sqrt(x / sum) : 0);
  });
  return out;
}

/** Pairs neighbouring fine bins into ORIENT_BINS and turns the histogram so its largest bin is first. */
function foldOrientation(fine: Float64Array, out: Float64Array): void {
  const n = ORIENT_BINS;
  const coarse = new Float64Array(n);
  for (let i = 0; i < n; i++) coarse[i] = fine[2 * i]! + fine[2 * i + 1]! + 0.5 * (fine[(2 * i + 2) % (2 * n)]! + fine[(2 * i - 1 + 2 * n) % (2 * n)]!);
  let best = 0;
  for (let i = 1; i < n; i++) if (coarse[i]! > coarse[best]!) best = i;
  // Orientation histograms are symmetric under reflection too; fold that as well.
  for (let i = 0; i < n; i++) out[i] = (coarse[(best + i) % n]! + coarse[(best - i + n) % n]!) / 2;
}

/** Weighted Bhattacharyya similarity of two feature vectors, in [0, 1]. */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return Math.min(1, Math.max(0, s));
}
