// Dish recogniser benchmark on the simulated tray camera: decode + features and recognise, in images
// per second, then top-1/top-3 accuracy among a 12-dish menu (20 dishes registered, 5 shots each),
// for single plates and for the plates on 2×2 trays. Needs no database.
// Usage: tsx bench/recognizer.ts [shots per dish, default 5] [test photos, default 400]
import { SIMULATED_TRAYS, TrayCamera } from '../server/src/devices/simulators/tray-camera.ts';
import { extractFeatures } from '../server/src/modules/checkout/recognizer/features.ts';
import { decodeImage } from '../server/src/modules/checkout/recognizer/image.ts';
import { dishFeatures, FeatureRecognizer } from '../server/src/modules/checkout/recognizer/recognizer.ts';

const shotsPerDish = Number(process.argv[2] ?? 5);
const tests = Number(process.argv[3] ?? 400);
const dishes = Array.from({ length: 20 }, (_, i) => i + 1);
// Today's menu holds three near-twin pairs (greens/spinach, braised pork/ribs, two egg dishes).
const menu = [1, 2, 3, 4, 6, 7, 9, 11, 13, 14, 15, 17];
const rate = (count: number, ms: number) => `${((count * 1000) / ms).toFixed(0)} images/s (${(ms / count).toFixed(2)} ms each)`;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

for (const format of ['jpeg', 'png'] as const) {
  const camera = new TrayCamera({ seed: 11, format });
  const recognizer = new FeatureRecognizer();
  const samples = dishes.flatMap((dishId) => Array.from({ length: shotsPerDish }, () => ({ dishId, image: camera.dish(dishId) })));
  for (const s of samples.slice(0, 20)) dishFeatures(s.image); // warm-up: let the JIT compile the hot loops
  let t = performance.now();
  const decoded = samples.map((s) => decodeImage(s.image));
  const decodeMs = performance.now() - t;
  t = performance.now();
  for (const d of decoded) extractFeatures(d);
  const extractMs = performance.now() - t;
  t = performance.now();
  for (const s of samples) recognizer.addFeatures({ dishId: s.dishId, features: dishFeatures(s.image) });
  const featureMs = performance.now() - t;

  const photos = Array.from({ length: tests }, (_, i) => {
    const dishId = menu[i % menu.length]!;
    return { dishId, image: camera.dish(dishId) };
  });
  let top1 = 0;
  let top3 = 0;
  t = performance.now();
  for (const p of photos) {
    const ranked = await recognizer.recognize(p.image, menu, 3);
    if (ranked[0]?.dishId === p.dishId) top1++;
    if (ranked.some((r) => r.dishId === p.dishId)) top3++;
  }
  const recogniseMs = performance.now() - t;
  const bytes = photos.reduce((s, p) => s + p.image.length, 0) / photos.length;
  console.log(`[${format}, 320×240, ~${(bytes / 1024).toFixed(0)} KiB] decode + features: ${rate(samples.length, featureMs)} (decode ${(decodeMs / samples.length).toFixed(2)} ms, features ${(extractMs / samples.length).toFixed(2)} ms); recognise among ${menu.length} (${menu.length * shotsPerDish} samples): ${rate(photos.length, recogniseMs)}`);
  console.log(`[${format}] single plates: top-1 ${pct(top1 / tests)}, top-3 ${pct(top3 / tests)} over ${tests} photos (${shotsPerDish} samples per dish)`);

  const trays = Math.ceil(tests / 4);
  const trayShots = Array.from({ length: trays }, (_, i) => {
    // One compartment in four left empty, on average.
    const content = [0, 1, 2, 3].map((k) => ((i + k) % 4 === 0 && i % 2 ? null : menu[(i * 5 + k * 3) % menu.length]!));
    return { content, image: camera.tray(content, SIMULATED_TRAYS['2x2']) };
  });
  let seen = 0;
  let right = 0;
  let right3 = 0;
  let emptyRight = 0;
  let emptyTotal = 0;
  t = performance.now();
  for (const { content, image } of trayShots) {
    const regions = await recognizer.recognizeTray(image, menu, { layout: { compartments: SIMULATED_TRAYS['2x2'] } });
    regions.forEach((r, k) => {
      const want = content[k];
      if (want == null) {
        emptyTotal++;
        if (r.empty) emptyRight++;
        return;
      }
      seen++;
      if (r.results[0]?.dishId === want) right++;
      if (r.results.some((x) => x.dishId === want)) right3++;
    });
  }
  const trayMs = performance.now() - t;
  console.log(`[${format}, 640×480 trays] ${rate(trays, trayMs).replace('images', 'trays')}; plates top-1 ${pct(right / seen)}, top-3 ${pct(right3 / seen)} over ${seen}; empty compartments found ${emptyRight}/${emptyTotal}`);
}
