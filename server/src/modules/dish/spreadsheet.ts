import { z } from 'zod';
import type { SheetSpec } from '../../core/excel.ts';
import { fenToYuan, yuanToFen } from '../../core/spreadsheet-values.ts';
import { DISH_KINDS, SEASONS } from './schema.ts';

export const KIND_LABELS: Record<(typeof DISH_KINDS)[number], string> = { meat: '荤菜', vegetable: '素菜', mixed: '半荤', staple: '主食', soup: '汤' };
export const SEASON_LABELS: Record<(typeof SEASONS)[number], string> = { spring: '春', summer: '夏', autumn: '秋', winter: '冬' };

const kind = z.string().transform((v, c) => {
  const key = DISH_KINDS.find((k) => k === v.toLowerCase() || KIND_LABELS[k] === v);
  if (!key) c.addIssue({ code: 'custom', message: `未知类别「${v}」，应为 荤菜/素菜/半荤/主食/汤 / unknown kind` });
  return key ?? 'mixed';
});

/** "春|夏", "spring,summer", "全年" or empty (all year). */
const seasons = z.string().default('').transform((v, c) => {
  const parts = v.split(/[|,，、\s]+/).map((p) => p.trim()).filter((p) => p && p !== '全年' && p.toLowerCase() !== 'all');
  const keys = parts.map((p) => SEASONS.find((s) => s === p.toLowerCase() || SEASON_LABELS[s] === p));
  if (keys.some((k) => !k)) c.addIssue({ code: 'custom', message: `季节「${v}」无效，应为 春/夏/秋/冬 或 全年 / invalid seasons` });
  return [...new Set(keys.filter((k): k is (typeof SEASONS)[number] => !!k))];
});

const DishRow = z.object({
  code: z.coerce.string().trim().min(1).max(60).regex(/^[A-Za-z0-9_.-]+$/),
  name: z.coerce.string().trim().min(1).max(60),
  nameEn: z.coerce.string().trim().max(100).default(''),
  kind,
  seasons,
  priceFen: yuanToFen,
  portionG: z.coerce.number().int().min(1).max(5000),
});
const RecipeRow = z.object({
  dishCode: z.coerce.string().trim().min(1),
  ingredientCode: z.coerce.string().trim().min(1),
  netG: z.coerce.number().int().min(1).max(5000),
  yieldPct: z.coerce.number().int().min(1).max(100).default(100),
});
export type DishRow = z.infer<typeof DishRow>;
export type RecipeRow = z.infer<typeof RecipeRow>;

export const dishSheets = {
  dishes: {
    name: '菜品 Dishes', row: DishRow,
    columns: [
      { key: 'code', zh: '编码', en: 'Code', width: 18 }, { key: 'name', zh: '名称', en: 'Name', width: 16 },
      { key: 'nameEn', zh: '英文名', en: 'English name', width: 26 }, { key: 'kind', zh: '类别', en: 'Kind' },
      { key: 'seasons', zh: '季节', en: 'Seasons' }, { key: 'priceFen', zh: '价格元', en: 'Price yuan' },
      { key: 'portionG', zh: '每份克数', en: 'Portion g' },
    ],
  } satisfies SheetSpec<DishRow>,
  recipes: {
    name: '标准菜谱 Recipes', row: RecipeRow,
    columns: [
      { key: 'dishCode', zh: '菜品编码', en: 'Dish code', width: 18 }, { key: 'ingredientCode', zh: '食材编码', en: 'Ingredient code', width: 18 },
      { key: 'netG', zh: '净料克数', en: 'Net g' }, { key: 'yieldPct', zh: '出成率', en: 'Yield pct' },
    ],
  } satisfies SheetSpec<RecipeRow>,
};

export const dishToSheetRow = (d: { code: string; name: string; nameEn: string; kind: (typeof DISH_KINDS)[number]; seasons: string[]; priceFen: number; portionG: number }) => ({
  ...d, kind: KIND_LABELS[d.kind], seasons: d.seasons.length ? d.seasons.map((s) => SEASON_LABELS[s as (typeof SEASONS)[number]]).join('|') : '全年', priceFen: fenToYuan(d.priceFen),
});
