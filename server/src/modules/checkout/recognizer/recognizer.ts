import { invalid } from '../../../core/errors.ts';
import { extractFeatures, FEATURE_LENGTH, FEATURE_VERSION, similarity } from './features.ts';
import { crop, decodeImage, type PixelBox } from './image.ts';
import { segmentTray, TRAY_LAYOUTS, type TrayLayout } from './tray.ts';

export { FEATURE_LENGTH, FEATURE_VERSION } from './features.ts';
export { TRAY_LAYOUTS, type Compartment, type TrayLayout } from './tray.ts';
export type { PixelBox } from './image.ts';

/** A photo of one dish (PNG or JPEG bytes), labelled by the canteen. */
export interface DishSample {
  dishId: number;
  image: Uint8Array;
}

/** A sample already reduced to features, as the checkout module stores it. */
export interface FeatureSample {
  dishId: number;
  features: readonly number[];
}

/** A candidate dish and how much the photo looks like it, 0–1 (higher is more alike). */
export interface DishScore {
  dishId: number;
  score: number;
}

export interface TrayRegionResult {
  /** Index of the compartment in the tray layout. */
  index: number;
  box: PixelBox;
  /** Nothing on it: `results` is then empty. */
  empty: boolean;
  results: DishScore[];
}

export interface TrayOptions {
  layout?: TrayLayout;
  topK?: number;
}

/**
 * Tells which of today's dishes a photo shows. Always restricted to the candidates (today's menu):
 * a closed set is what makes recognition reliable enough at a checkout (domain-facts), and the
 * station shows the ranking for one-tap correction.
 */
export interface DishRecognizer {
  register(sample: DishSample): Promise<void> | void;
  /** Candidates best first; only those with registered samples appear. */
  recognize(image: Uint8Array, candidates: readonly number[], topK?: number): Promise<DishScore[]>;
  /** One result per compartment of the tray, in layout order. */
  recognizeTray(image: Uint8Array, candidates: readonly number[], options?: TrayOptions): Promise<TrayRegionResult[]>;
}

const DEFAULT_TOP_K = 3;

/** The feature vector of a dish photo, to store instead of the photo (see FEATURE_VERSION). */
export function dishFeatures(image: Uint8Array): number[] {
  return extractFeatures(decodeImage(image));
}

function checkDishId(dishId: unknown): asserts dishId is number {
  if (!Number.isSafeInteger(dishId)) throw invalid('dish_id_invalid', `菜品编号无效：${String(dishId)}`, `Invalid dish id: ${String(dishId)}`);
}

function checkQuery(candidates: readonly number[], topK: number): void {
  if (!Array.isArray(candidates) || candidates.length === 0) {
    throw invalid('no_candidates', '没有候选菜品：今日菜单为空，无法识别', "No candidate dishes: today's menu is empty, nothing to recognise");
  }
  candidates.forEach(checkDishId);
  if (!Number.isInteger(topK) || topK < 1) throw invalid('top_k_invalid', `返回条数须为正整数：${topK}`, `topK must be a positive integer: ${topK}`);
}

/**
 * Nearest-neighbour recogniser over hand-made colour and texture features (see features.ts).
 * A dish's score is the mean of its two best-matching samples' similarities (or its only one's):
 * more forgiving than the single nearest sample when one sample was an odd shot, and still sharp
 * where a dish's samples vary a lot, which an average prototype would blur.
 */
export class FeatureRecognizer implements DishRecognizer {
  private readonly samples = new Map<number, Float64Array[]>();

  /** A recogniser from stored features, e.g. loaded from the database at start-up. */
  static fromFeatures(samples: readonly FeatureSample[]): FeatureRecognizer {
    const r = new FeatureRecognizer();
    for (const s of samples) r.addFeatures(s);
    return r;
  }

  register(sample: DishSample): void {
    checkDishId(sample.dishId);
    this.addFeatures({ dishId: sample.dishId, features: dishFeatures(sample.image) });
  }

  addFeatures(sample: FeatureSample): void {
    checkDishId(sample.dishId);
    const f = sample.features;
    if (!Array.isArray(f) || f.length !== FEATURE_LENGTH || !f.every((x) => Number.isFinite(x) && x >= 0)) {
      throw invalid(
        'features_mismatch',
        `菜品 #${sample.dishId} 的样本特征与识别器版本 ${FEATURE_VERSION} 不符，请重新登记样本`,
        `The sample features of dish #${sample.dishId} do not match recogniser version ${FEATURE_VERSION}; register the samples again`,
        { expectedLength: FEATURE_LENGTH, length: Array.isArray(f) ? f.length : null },
      );
    }
    const list = this.samples.get(sample.dishId) ?? [];
    list.push(Float64Array.from(f));
    this.samples.set(sample.dishId, list);
  }

  /** Dish ids with at least one sample and how many each has. */
  sampleCounts(): Map<number, number> {
    return new Map([...this.samples].map(([id, list]) => [id, list.length]));
  }

  async recognize(image: Uint8Array, candidates: readonly number[], topK = DEFAULT_TOP_K): Promise<DishScore[]> {
    checkQuery(candidates, topK);
    return this.rank(dishFeatures(image), candidates, topK);
  }

  /** Ranks stored features (e.g. of a photo already reduced) among the candidates. */
  rank(features: readonly number[], candidates: readonly number[], topK = DEFAULT_TOP_K): DishScore[] {
    checkQuery(candidates, topK);
    const out: DishScore[] = [];
    for (const dishId of new Set(candidates)) {
      const list = this.samples.get(dishId);
      if (!list) continue;
      let best = 0;
      let second = 0;
      for (const s of list) {
        const sim = similarity(features, s);
        if (sim > best) [best, second] = [sim, best];
        else if (sim > second) second = sim;
      }
      out.push({ dishId, score: list.length > 1 ? (best + second) / 2 : best });
    }
    return out.sort((a, b) => b.score - a.score || a.dishId - b.dishId).slice(0, topK);
  }

  async recognizeTray(image: Uint8Array, candidates: readonly number[], options: TrayOptions = {}): Promise<TrayRegionResult[]> {
    const topK = options.topK ?? DEFAULT_TOP_K;
    checkQuery(candidates, topK);
    const img = decodeImage(image);
    return segmentTray(img, options.layout ?? TRAY_LAYOUTS['2x2']).map((region) => ({
      index: region.index,
      box: region.box,
      empty: region.empty,
      results: region.empty ? [] : this.rank(extractFeatures(crop(img, region.box)), candidates, topK),
    }));
  }
}
