import jpeg from 'jpeg-js';
import { AppError } from '../../core/errors.ts';

/** Photos are what phone cameras give: JPEG, PNG or WebP (HEIC is converted by the browser's file input). */
export function photoType(bytes: Buffer): string {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length > 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  throw new AppError(400, 'not_a_photo', '请上传照片（JPEG、PNG 或 WebP）', 'Upload a photo (JPEG, PNG or WebP)');
}

/** Food colours of the generated photos; a dish takes one by its id. */
const PALETTE: [number, number, number][] = [
  [205, 72, 36], [52, 120, 38], [112, 44, 22], [236, 214, 150], [246, 214, 96], [184, 44, 22], [150, 180, 110], [222, 150, 52], [120, 60, 50], [196, 168, 102],
];
const made = new Map<number, Buffer>();

/**
 * A small photo of a sample box seen from above, for demo data and tests: a steel shelf, a clear
 * box with the dish's colour inside and a white label strip, speckled so it looks like a photo.
 * Encoding is slow in pure JavaScript (~10 ms), so each of the ten colours is drawn once.
 */
export function boxPhoto(dishId: number): Buffer {
  const index = dishId % PALETTE.length;
  const hit = made.get(index);
  if (hit) return hit;
  const width = 128, height = 96;
  const data = Buffer.alloc(width * height * 4);
  const food = PALETTE[index]!;
  let s = (index * 2654435761 + 1) >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const bx0 = Math.round(width * 0.18), bx1 = Math.round(width * 0.82), by0 = Math.round(height * 0.15), by1 = Math.round(height * 0.88);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      let c: [number, number, number];
      const inBox = x >= bx0 && x < bx1 && y >= by0 && y < by1;
      const rim = inBox && (x < bx0 + 4 || x >= bx1 - 4 || y < by0 + 4 || y >= by1 - 4);
      if (!inBox) c = (y % 12 < 2 ? [150, 156, 160] : [188, 194, 198]);
      else if (rim) c = [225, 232, 236];
      else if (y > by1 - 18 && x > bx0 + 10 && x < bx1 - 10) c = [248, 248, 244];
      else c = food;
      const n = (rnd() - 0.5) * (inBox && !rim ? 46 : 14);
      data[i] = Math.max(0, Math.min(255, c[0] + n));
      data[i + 1] = Math.max(0, Math.min(255, c[1] + n));
      data[i + 2] = Math.max(0, Math.min(255, c[2] + n));
      data[i + 3] = 255;
    }
  }
  const jpg = Buffer.from(jpeg.encode({ data, width, height }, 70).data);
  made.set(index, jpg);
  return jpg;
}
