import sharp, { type OutputInfo } from 'sharp';
import { findCjkFont, type CjkFont } from './cjk-font.ts';
import { AppError } from './errors.ts';

/** Photos are kept at most this long on their long side: enough to read a label, small enough to keep many. */
export const WATERMARK_MAX_SIDE = 1600;
const JPEG_QUALITY = 82;
const FORMATS = new Set(['jpeg', 'png', 'webp']);
/** The band keeps this much of the photo's light (of 256): a dark veil the white text stands out on. */
const BAND_KEEP = 115;

export const notAnImage = () => new AppError(400, 'not_an_image',
  '只能上传照片（JPEG、PNG 或 WebP 格式）', 'Upload a photo (JPEG, PNG or WebP)');

const noFont = (detail: string) => new AppError(503, 'watermark_font_missing',
  `服务器缺少中文字体，无法给照片加水印（${detail}）。请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）或用 PDF_FONT 指定字体文件`,
  `The server has no Chinese font to watermark photos (${detail}). Install fonts-noto-cjk (apt-get install fonts-noto-cjk) or set PDF_FONT to a font file`);

let font: Promise<CjkFont> | undefined;
// Looked up once per process; a failure is not kept, so installing the font needs no restart.
const cjkFont = () => (font ??= findCjkFont(noFont).catch((err: unknown) => {
  font = undefined;
  throw err;
}));

export type DecodedPhoto = { data: Buffer; info: OutputInfo };
export type WatermarkedPhoto = { bytes: Buffer; type: 'image/jpeg'; width: number; height: number };

const escapeMarkup = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The evidence photo as it is stored: decoded (JPEG, PNG, WebP), turned upright by its EXIF orientation, at most
 * WATERMARK_MAX_SIDE on its long side, with a dark semi-transparent band along the bottom carrying `lines` in white
 * (time, place, person), re-encoded as JPEG. The band is part of the pixels, so the original cannot be recovered
 * from what is kept; anything else is refused with 400.
 */
export async function watermarkPhoto(bytes: Buffer, lines: string[]): Promise<WatermarkedPhoto> {
  return stampDecoded(await decodePhoto(bytes), lines);
}

/** The photo upright, limited in size, as raw sRGB pixels; 400 for anything but a JPEG, PNG or WebP image. */
export async function decodePhoto(bytes: Buffer): Promise<DecodedPhoto> {
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.format || !FORMATS.has(meta.format)) throw notAnImage();
    return await sharp(bytes, { failOn: 'error' })
      .rotate()
      .resize({ width: WATERMARK_MAX_SIDE, height: WATERMARK_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw notAnImage();
  }
}

/** Burns the band and `lines` into a decoded photo (decode once, stamp many: the demo's generated scenes). */
export async function stampDecoded(base: DecodedPhoto, lines: string[]): Promise<WatermarkedPhoto> {
  const { width, height, channels } = base.info;
  const f = await cjkFont();
  // Type about a 40th of the width, readable on a phone and unobtrusive on a desktop.
  const size = Math.max(11, Math.min(36, Math.round(width / 40)));
  const pad = Math.round(size * 0.6);
  const markup = `<span foreground="#ffffff">${lines.map(escapeMarkup).join('\n')}</span>`;
  const text = await sharp({
    text: { text: markup, font: `${f.family ?? 'sans'} ${size}`, fontfile: f.file, rgba: true, dpi: 72, width: Math.max(1, width - 2 * pad), wrap: 'char', spacing: Math.round(size * 0.15) },
  }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  // A very small photo keeps what text fits; the band then covers it whole.
  const textW = Math.min(text.info.width, width);
  const textH = Math.min(text.info.height, height);
  const bandH = Math.min(height, textH + 2 * pad);
  const bandTop = height - bandH;
  const textTop = bandTop + Math.floor((bandH - textH) / 2);
  const left = Math.min(pad, width - textW);
  // Blended here rather than by sharp's composite, which costs several times more on a small photo.
  const px = Buffer.from(base.data);
  for (let i = bandTop * width * channels; i < px.length; i++) px[i] = (px[i]! * BAND_KEEP) >> 8;
  const tw = text.info.width;
  for (let y = 0; y < textH; y++) {
    for (let x = 0; x < textW; x++) {
      const t = (y * tw + x) * 4;
      const a = text.data[t + 3]!;
      if (a === 0) continue;
      const o = ((textTop + y) * width + left + x) * channels;
      for (let c = 0; c < channels; c++) px[o + c] = (px[o + c]! * (255 - a) + text.data[t + c]! * a + 127) / 255;
    }
  }
  const out = await sharp(px, { raw: { width, height, channels } }).jpeg({ quality: JPEG_QUALITY }).toBuffer();
  return { bytes: out, type: 'image/jpeg', width, height };
}
