import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { invalid } from '../../../core/errors.ts';

/** Pixels as packed RGB bytes, row by row; alpha, where a PNG has it, is dropped. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A rectangle in pixels. */
export interface PixelBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A station camera sends a few megapixels at most; anything larger is refused before it is inflated. */
const MAX_PIXELS = 16_000_000;
const MIN_SIDE = 16;

const isPng = (b: Uint8Array) => b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b.length > 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

const unreadable = (reason: string) =>
  invalid('image_unreadable', `图片无法解码（仅支持 PNG 和 JPEG）：${reason}`, `The image cannot be decoded (PNG and JPEG only): ${reason}`);

function checkSize(width: number, height: number): void {
  if (width < MIN_SIDE || height < MIN_SIDE || width * height > MAX_PIXELS) {
    throw invalid(
      'image_size',
      `图片尺寸 ${width}×${height} 不合适（每边至少 ${MIN_SIDE} 像素，总数不超过 1600 万像素）`,
      `Image size ${width}×${height} is out of range (at least ${MIN_SIDE} px a side, at most 16 megapixels)`,
      { width, height },
    );
  }
}

/** Decodes PNG or JPEG bytes, recognised by their signature rather than by a file name or MIME type. */
export function decodeImage(bytes: Uint8Array): RgbImage {
  if (!(bytes instanceof Uint8Array)) throw unreadable('not bytes');
  if (isPng(bytes)) {
    // The header's size is checked before inflating, so a small file cannot claim a huge canvas.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    checkSize(view.getUint32(16), view.getUint32(20));
    let png: { width: number; height: number; data: Uint8Array };
    try {
      png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (e) {
      throw unreadable((e as Error).message);
    }
    const n = png.width * png.height;
    const data = new Uint8Array(n * 3);
    for (let i = 0, j = 0; i < n; i++, j += 4) {
      data[i * 3] = png.data[j]!;
      data[i * 3 + 1] = png.data[j + 1]!;
      data[i * 3 + 2] = png.data[j + 2]!;
    }
    return { width: png.width, height: png.height, data };
  }
  if (isJpeg(bytes)) {
    let img: { width: number; height: number; data: Uint8Array };
    try {
      img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 256 });
    } catch (e) {
      throw unreadable((e as Error).message);
    }
    checkSize(img.width, img.height);
    return img;
  }
  throw unreadable('unknown format');
}

/** Copies a rectangle (clipped to the image) out of an image. */
export function crop(img: RgbImage, box: PixelBox): RgbImage {
  const x0 = Math.max(0, Math.round(box.x));
  const y0 = Math.max(0, Math.round(box.y));
  const x1 = Math.min(img.width, Math.round(box.x + box.w));
  const y1 = Math.min(img.height, Math.round(box.y + box.h));
  const width = Math.max(0, x1 - x0);
  const height = Math.max(0, y1 - y0);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * img.width + x0) * 3;
    data.set(img.data.subarray(from, from + width * 3), y * width * 3);
  }
  return { width, height, data };
}
