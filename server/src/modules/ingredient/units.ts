/** Purchase units Chinese canteens buy in. Grams per unit are set per ingredient (a 箱 of eggs ≠ a 箱 of oil). */
export const PURCHASE_UNITS = {
  kg: { zh: '千克', en: 'kg', grams: 1000 },
  jin: { zh: '斤', en: 'jin (500 g)', grams: 500 },
  g: { zh: '克', en: 'g', grams: 1 },
  ge: { zh: '个', en: 'piece', grams: null },
  xiang: { zh: '箱', en: 'box', grams: null },
  dai: { zh: '袋', en: 'bag', grams: null },
  ping: { zh: '瓶', en: 'bottle', grams: null },
  tong: { zh: '桶', en: 'drum', grams: null },
  he: { zh: '盒', en: 'carton', grams: null },
  ba: { zh: '把', en: 'bunch', grams: null },
} as const;

export type PurchaseUnit = keyof typeof PURCHASE_UNITS;
export const PURCHASE_UNIT_KEYS = Object.keys(PURCHASE_UNITS) as [PurchaseUnit, ...PurchaseUnit[]];

/** Accepts the code or the Chinese name ("斤" → jin), as people type in spreadsheets. */
export function parseUnit(value: string): PurchaseUnit | undefined {
  const v = value.trim().toLowerCase();
  if (v in PURCHASE_UNITS) return v as PurchaseUnit;
  return PURCHASE_UNIT_KEYS.find((k) => PURCHASE_UNITS[k].zh === value.trim());
}
