import { t } from '../../i18n.ts';
import { labelOf } from '../../shell/labels.tsx';

export const KINDS = [
  { value: 'meat', zh: '荤菜', en: 'Meat', color: 'red' },
  { value: 'mixed', zh: '半荤', en: 'Mixed', color: 'orange' },
  { value: 'vegetable', zh: '素菜', en: 'Vegetable', color: 'green' },
  { value: 'staple', zh: '主食', en: 'Staple', color: 'gold' },
  { value: 'soup', zh: '汤', en: 'Soup', color: 'blue' },
] as const;

export const SEASONS = [
  { value: 'spring', zh: '春', en: 'Spring' },
  { value: 'summer', zh: '夏', en: 'Summer' },
  { value: 'autumn', zh: '秋', en: 'Autumn' },
  { value: 'winter', zh: '冬', en: 'Winter' },
] as const;

export const kindLabel = (v: string | null | undefined) => labelOf(KINDS, v);
export const kindColor = (v: string | null | undefined) => KINDS.find((x) => x.value === v)?.color ?? 'default';
export const kindOptions = () => KINDS.map((k) => ({ value: k.value, label: t(k.zh, k.en) }));
export const seasonOptions = () => SEASONS.map((s) => ({ value: s.value, label: t(s.zh, s.en) }));
export const seasonsText = (list: string[]) =>
  list.length === 0 || list.length === 4 ? t('全年', 'All year') : SEASONS.filter((s) => list.includes(s.value)).map((s) => t(s.zh, s.en)).join(t('、', ', '));

/** The season of a date in China's usual reckoning: spring Mar–May, summer Jun–Aug … */
export const seasonOf = (month1to12: number) => (['winter', 'winter', 'spring', 'spring', 'spring', 'summer', 'summer', 'summer', 'autumn', 'autumn', 'autumn', 'winter'] as const)[month1to12 - 1]!;

export interface Nutrition { energyKcal: number; proteinG: number; fatG: number; carbohydrateG: number; fibreG: number; sodiumMg: number }

/** Cost as a share of the price; above 60 % the dish loses money once labour and overheads are paid. */
export const COST_LIMIT = 0.6;
export function margin(priceFen: number, costFen: number | null | undefined): { pct: number | null; high: boolean } {
  if (costFen == null || !priceFen) return { pct: null, high: costFen != null && costFen > 0 && !priceFen };
  return { pct: Math.round(((priceFen - costFen) / priceFen) * 100), high: costFen > priceFen * COST_LIMIT };
}
