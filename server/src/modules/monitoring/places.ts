import type { KitchenEventType, SensorPlace } from './schema.ts';

export interface PlaceDef {
  zh: string;
  en: string;
  /** Default range in °C (GB 31654-2021 and the 2018 operating rules); null = no limit that side. */
  minC: number | null;
  maxC: number | null;
  /** Cold chain: out of range spoils food, so the alert is critical; elsewhere a warning. */
  critical: boolean;
}

/**
 * Default thresholds by place. Chilled 0–8 °C. Frozen: the rules ask ≤ −12 °C, most kitchens run at
 * −18 °C and that is the default here, so a failing freezer is noticed before it reaches the legal
 * limit; a canteen whose freezers run warmer sets −12. 专间 (cold-dish / prep room) ≤ 25 °C.
 */
export const PLACES: Record<SensorPlace, PlaceDef> = {
  cold_room: { zh: '冷藏库', en: 'Cold room', minC: 0, maxC: 8, critical: true },
  freezer: { zh: '冷冻库', en: 'Freezer room', minC: null, maxC: -18, critical: true },
  fridge: { zh: '冰箱', en: 'Fridge', minC: 0, maxC: 8, critical: true },
  prep_room: { zh: '专间', en: 'Prep room (专间)', minC: null, maxC: 25, critical: false },
  sample_fridge: { zh: '留样柜', en: 'Sample fridge', minC: 0, maxC: 8, critical: true },
  other: { zh: '其他', en: 'Other', minC: null, maxC: null, critical: false },
};

export const EVENT_TYPES: Record<KitchenEventType, { zh: string; en: string; critical: boolean }> = {
  no_mask: { zh: '未戴口罩', en: 'No mask', critical: false },
  no_hat: { zh: '未戴厨师帽', en: 'No hat', critical: false },
  no_uniform: { zh: '未穿工作服', en: 'No uniform', critical: false },
  smoking: { zh: '抽烟', en: 'Smoking', critical: false },
  phone: { zh: '玩手机', en: 'Using a phone', critical: false },
  rodent: { zh: '老鼠', en: 'Rodent', critical: true },
  fire_unattended: { zh: '动火离人', en: 'Fire left unattended', critical: true },
  stranger: { zh: '陌生人', en: 'Stranger', critical: false },
  other: { zh: '其他', en: 'Other', critical: false },
};
