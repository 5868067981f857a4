import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.ts';
import { SIMULATED_TRAYS, TrayCamera } from '../../../devices/simulators/tray-camera.ts';
import { dishFeatures, FEATURE_LENGTH, FeatureRecognizer, TRAY_LAYOUTS, type DishScore } from './recognizer.ts';

const DISHES = Array.from({ length: 20 }, (_, i) => i + 1);
// Today's menu, with three near-twin pairs from the simulator (greens/spinach 3/13, braised pork/ribs
// 4/14, tomato-egg/pepper-egg 2/15); dishes 5, 8, 10, 12, 16, 18–20 are registered but not served.
const MENU = [1, 2, 3, 4, 6, 7, 9, 11, 13, 14, 15, 17];
const SHOTS_PER_DISH = 5;

/** The error a call throws (sync or async), for asserting on its code and both languages. */
async function failure(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

function checkRanking(ranked: DishScore[], candidates: readonly number[], topK: number): void {
  expect(ranked.length).toBeLessThanOrEqual(topK);
  for (const r of ranked) {
    expect(candidates).toContain(r.dishId);
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(1);
  }
  for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
}

describe('dish recogniser on the simulated tray camera', () => {
  // Samples are taken as PNG (registration at the station's back office), test photos as JPEG.
  const registrar = new TrayCamera({ seed: 101, format: 'png' });
  const station = new TrayCamera({ seed: 202, format: 'jpeg', quality: 80 });
  const recognizer = new FeatureRecognizer();
  const stored: { dishId: number; features: number[] }[] = [];

  beforeAll(() => {
    for (const dishId of DISHES) {
      for (let k = 0; k < SHOTS_PER_DISH; k++) {
        const image = registrar.dish(dishId);
        recognizer.register({ dishId, image });
        stored.push({ dishId, features: dishFeatures(image) });
      }
    }
  });

  it('recognises fresh photos among today\'s menu: top-1 above 85 %, top-3 above 97 %, never a dish off the menu', async () => {
    // Measured on this simulator: top-1 ≈ 92–95 %, top-3 ≈ 99–100 % (errors are the near twins).
    const photos = 200;
    let top1 = 0;
    let top3 = 0;
    for (let i = 0; i < photos; i++) {
      const dishId = MENU[i % MENU.length]!;
      const ranked = await recognizer.recognize(station.dish(dishId), MENU, 3);
      checkRanking(ranked, MENU, 3);
      expect(ranked).toHaveLength(3);
      if (ranked[0]!.dishId === dishId) top1++;
      if (ranked.some((r) => r.dishId === dishId)) top3++;
    }
    expect(top1 / photos).toBeGreaterThan(0.85);
    expect(top3 / photos).toBeGreaterThan(0.97);
    expect(top3).toBeGreaterThanOrEqual(top1);
  });

  it('returns only candidates, and of those only dishes with samples', async () => {
    const photo = station.dish(5); // registered, but not on the menu
    const ranked = await recognizer.recognize(photo, MENU, MENU.length);
    checkRanking(ranked, MENU, MENU.length);
    expect(ranked.map((r) => r.dishId).sort((a, b) => a - b)).toEqual([...MENU].sort((a, b) => a - b));
    // 99 has no samples: it cannot be suggested, and a menu of nothing else yields no suggestion.
    expect((await recognizer.recognize(photo, [99, 3], 5)).map((r) => r.dishId)).toEqual([3]);
    expect(await recognizer.recognize(photo, [99])).toEqual([]);
    // The same photo among all dishes is recognised as what it is.
    expect((await recognizer.recognize(photo, DISHES, 1))[0]!.dishId).toBe(5);
  });

  it('gives the same ranking from stored features as from the photos', async () => {
    const reloaded = FeatureRecognizer.fromFeatures(JSON.parse(JSON.stringify(stored)));
    expect(stored[0]!.features).toHaveLength(FEATURE_LENGTH);
    expect(reloaded.sampleCounts().get(7)).toBe(SHOTS_PER_DISH);
    const photo = station.dish(9);
    const a = await recognizer.recognize(photo, MENU, 5);
    const b = await reloaded.recognize(photo, MENU, 5);
    expect(b.map((r) => r.dishId)).toEqual(a.map((r) => r.dishId));
    b.forEach((r, i) => expect(r.score).toBeCloseTo(a[i]!.score, 9));
    // Features that are ranked directly give the same answer as the photo they came from.
    expect(reloaded.rank(dishFeatures(photo), MENU, 5)).toEqual(b);
  });

  it('finds the dishes of a 2×2 tray and leaves empty compartments empty', async () => {
    const layout = { compartments: SIMULATED_TRAYS['2x2'] };
    let plates = 0;
    let right = 0;
    for (let i = 0; i < 8; i++) {
      const content = [MENU[i]!, i % 2 ? null : MENU[(i + 5) % MENU.length]!, MENU[(i + 7) % MENU.length]!, i % 3 ? MENU[(i + 3) % MENU.length]! : null];
      const regions = await recognizer.recognizeTray(station.tray(content, SIMULATED_TRAYS['2x2']), MENU, { layout, topK: 2 });
      expect(regions.map((r) => r.index)).toEqual([0, 1, 2, 3]);
      regions.forEach((region, k) => {
        const want = content[k];
        expect(region.empty).toBe(want == null);
        if (want == null) return expect(region.results).toEqual([]);
        checkRanking(region.results, MENU, 2);
        plates++;
        if (region.results[0]!.dishId === want) right++;
      });
    }
    expect(right / plates).toBeGreaterThan(0.8);
  });

  it('handles the three-compartment tray, including an entirely empty one', async () => {
    const layout = TRAY_LAYOUTS['3-compartment'];
    expect(layout.compartments).toEqual(SIMULATED_TRAYS['3-compartment']);
    const full = await recognizer.recognizeTray(station.tray([1, 6, 17], SIMULATED_TRAYS['3-compartment']), MENU, { layout, topK: 3 });
    expect(full.map((r) => r.empty)).toEqual([false, false, false]);
    expect(full.filter((r, k) => r.results.some((x) => x.dishId === [1, 6, 17][k])).length).toBe(3);
    const none = await recognizer.recognizeTray(station.tray([null, null, null], SIMULATED_TRAYS['3-compartment']), MENU, { layout });
    expect(none.map((r) => [r.empty, r.results.length])).toEqual([[true, 0], [true, 0], [true, 0]]);
  });

  it('refuses bad input with typed errors in Chinese and English', async () => {
    const photo = station.dish(1);
    const text = new TextEncoder().encode('this is not a photo of rice');
    const notImage = await failure(() => recognizer.recognize(text, MENU));
    expect([notImage.status, notImage.code]).toEqual([422, 'image_unreadable']);
    expect(notImage.zh).toMatch(/图片/);
    expect(notImage.en).toMatch(/PNG and JPEG/);
    // A PNG cut short after its header, as an interrupted upload would be.
    const png = new TrayCamera({ seed: 1, format: 'png' }).dish(1);
    expect((await failure(() => recognizer.recognize(png.subarray(0, 200), MENU))).code).toBe('image_unreadable');
    expect((await failure(() => recognizer.register({ dishId: 1, image: new Uint8Array(0) }))).code).toBe('image_unreadable');

    const noMenu = await failure(() => recognizer.recognize(photo, []));
    expect([noMenu.status, noMenu.code]).toEqual([422, 'no_candidates']);
    expect(noMenu.zh).toMatch(/候选菜品/);
    expect(noMenu.en).toMatch(/No candidate dishes/);
    expect((await failure(() => recognizer.recognizeTray(photo, []))).code).toBe('no_candidates');
    expect((await failure(() => recognizer.recognize(photo, MENU, 0))).code).toBe('top_k_invalid');
    expect((await failure(() => recognizer.recognize(photo, [1.5]))).code).toBe('dish_id_invalid');

    const stale = await failure(() => recognizer.addFeatures({ dishId: 1, features: [0.1, 0.2, 0.3] }));
    expect(stale.code).toBe('features_mismatch');
    expect(stale.details).toEqual({ expectedLength: FEATURE_LENGTH, length: 3 });
    const badLayout = await failure(() => recognizer.recognizeTray(photo, MENU, { layout: { compartments: [{ x: 0.5, y: 0, w: 0.8, h: 1 }] } }));
    expect(badLayout.code).toBe('tray_layout_invalid');
  });
});

describe('tray camera simulator', () => {
  it('is deterministic per seed, and each dish looks its own', () => {
    const a = new TrayCamera({ seed: 7, format: 'png' });
    const b = new TrayCamera({ seed: 7, format: 'png' });
    const first = a.dish(3);
    expect(b.dish(3)).toEqual(first);
    expect(a.dish(3)).not.toEqual(first); // the next shot of the same dish differs
    expect(new TrayCamera({ seed: 8, format: 'png' }).dish(3)).not.toEqual(first);
    // JPEG and PNG signatures, as the recogniser sniffs them.
    expect([...first.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect([...new TrayCamera({ seed: 7 }).dish(3).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });
});
