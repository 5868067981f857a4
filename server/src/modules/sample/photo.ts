import jpeg from 'jpeg-js';
import { AppError } from '../../core/errors.ts';

/** Photos are what phone cameras give: JPEG, PNG or WebP (HEIC is converted by the browser's file input). */
export function photoType(bytes: Buffer): string {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length > 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  throw new AppError(400, 'not_a_photo', '请上传照片（JPEG、PNG 或 WebP）', 'Upload a photo (JPEG, PNG or WebP)');
}

/** The colour of a dish's food in the generated photos, steady per dish. */
function foodColour(dishId: number): [number, number, number] {
  const palette: [number, number, number][] = [
    [205, 72, 36], [52, 120, 38], [112, 44, 22], [236, 214, 150], [246, 214, 96], [184, 44, 22], [150, 180, 110], [222, 150, 52], [120, 60, 50], [196, 168, 102],
  ];
  return palette[dishId % palette.length]!;
}

/**
 * A small photo of a sample box seen from above, for demo data and tests: a steel shelf, a clear
 * box with the dish's colour inside and a white label strip. Speckled so it looks like a photo, not a flag.
 */
export function boxPhoto(dishId: number, seed = dishId, width = 160, height = 120): Buffer {
  const data = Buffer.alloc(width * height * 4);
  const food = foodColour(dishId);
  let s = (seed * 2654435761) >>> 0;
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
      else if (y > by1 - 22 && x > bx0 + 12 && x < bx1 - 12) c = [248, 248, 244];
      else c = food;
      const n = (rnd() - 0.5) * (inBox && !rim ? 46 : 14);
      data[i] = Math.max(0, Math.min(255, c[0] + n));
      data[i + 1] = Math.max(0, Math.min(255, c[1] + n));
      data[i + 2] = Math.max(0, Math.min(255, c[2] + n));
      data[i + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ data, width, height }, 70).data);
}
