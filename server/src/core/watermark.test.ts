import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { WATERMARK_MAX_SIDE, watermarkPhoto } from './watermark.ts';

const LINES = ['每日自查 · 燃气阀门关闭', '2026-11-25 10:32（北京时间）', '一号食堂 · 后厨', '检查人：区域责任人一'];

/** A mid-grey scene with a pattern, so neither white text nor a dark band could be mistaken for it. */
async function scene(width: number, height: number, format: 'jpeg' | 'png' | 'webp' = 'jpeg') {
  const img = sharp({ create: { width, height, channels: 3, background: { r: 120, g: 140, b: 120 } } });
  const out = format === 'jpeg' ? img.jpeg({ quality: 95 }) : format === 'png' ? img.png() : img.webp();
  return out.toBuffer();
}

const rgb = async (bytes: Buffer) => sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
const luma = (d: Buffer, i: number) => 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;

/** Mean absolute difference per channel between two same-size RGB images over rows [from, to). */
function diffRows(a: Buffer, b: Buffer, width: number, from: number, to: number): number {
  let sum = 0;
  for (let i = from * width * 3; i < to * width * 3; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / ((to - from) * width * 3);
}

describe('watermarkPhoto', () => {
  it('burns a dark band with light text into the bottom of the photo and leaves the top as it was', async () => {
    const original = await scene(1200, 900);
    const out = await watermarkPhoto(original, LINES);
    expect(out.type).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([1200, 900]);
    const meta = await sharp(out.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    const a = await rgb(original);
    const b = await rgb(out.bytes);
    expect(b.info.width).toBe(1200);
    // Top third: only JPEG noise. Bottom tenth: the band.
    expect(diffRows(a.data, b.data, 1200, 0, 300)).toBeLessThan(2);
    expect(diffRows(a.data, b.data, 1200, 810, 900)).toBeGreaterThan(30);
    // In the band: dark background pixels and light text pixels both, where the scene is one mid tone.
    let dark = 0;
    let light = 0;
    for (let y = 780; y < 900; y++) {
      for (let x = 0; x < 1200; x++) {
        const l = luma(b.data, (y * 1200 + x) * 3);
        if (l < 80) dark++;
        if (l > 200) light++;
      }
    }
    expect(dark).toBeGreaterThan(1200 * 40);
    expect(light).toBeGreaterThan(500);
    const originalLuma = luma(a.data, (850 * 1200 + 600) * 3);
    expect(originalLuma).toBeGreaterThan(100);
    expect(originalLuma).toBeLessThan(160);
  });

  it('limits the long side, keeps the aspect ratio and never enlarges', async () => {
    const big = await watermarkPhoto(await scene(4000, 3000), LINES);
    expect([big.width, big.height]).toEqual([WATERMARK_MAX_SIDE, 1200]);
    const tall = await watermarkPhoto(await scene(1000, 3200, 'png'), LINES);
    expect([tall.width, tall.height]).toEqual([500, WATERMARK_MAX_SIDE]);
    const small = await watermarkPhoto(await scene(320, 240, 'webp'), LINES);
    expect([small.width, small.height]).toEqual([320, 240]);
    const tiny = await watermarkPhoto(await scene(16, 16), LINES);
    expect([tiny.width, tiny.height]).toEqual([16, 16]);
  });

  it('turns a phone photo upright by its EXIF orientation before drawing the band', async () => {
    // Stored landscape, shown portrait (orientation 6 = rotate 90° clockwise).
    const rotated = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#7a8' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const out = await watermarkPhoto(rotated, LINES);
    expect([out.width, out.height]).toEqual([600, 800]);
    expect((await sharp(out.bytes).metadata()).orientation ?? 1).toBe(1);
  });

  it('flattens a transparent PNG onto white', async () => {
    const clear = await sharp({ create: { width: 400, height: 400, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const { data } = await rgb((await watermarkPhoto(clear, LINES)).bytes);
    expect(luma(data, 0)).toBeGreaterThan(240);
  });

  it('refuses what is not a JPEG, PNG or WebP photo with 400 in Chinese and English', async () => {
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#fff' } }).gif().toBuffer();
    const jpeg = await scene(100, 100);
    for (const bad of [Buffer.from('%PDF-1.4 not a photo'), Buffer.alloc(0), gif, jpeg.subarray(0, 40)]) {
      await expect(watermarkPhoto(bad, LINES)).rejects.toMatchObject({ status: 400, code: 'not_an_image', zh: expect.stringContaining('照片'), en: expect.stringContaining('photo') });
    }
  });
});
