import { z } from 'zod';
import type { SheetSpec } from '../../core/excel.ts';
import { INGREDIENT_CATEGORIES } from './schema.ts';
import { parseUnit, PURCHASE_UNITS } from './units.ts';

export const CATEGORY_LABELS: Record<(typeof INGREDIENT_CATEGORIES)[number], string> = {
  vegetable: '蔬菜', meat: '肉类', poultry: '禽类', egg: '蛋类', aquatic: '水产', grain: '粮食', oil: '油脂',
  soy: '豆制品', seasoning: '调味品', dried: '干货', fungus: '菌菇', fruit: '水果', dairy: '乳制品',
};

export const CATEGORY_LABELS_EN: Record<(typeof INGREDIENT_CATEGORIES)[number], string> = {
  vegetable: 'Vegetables', meat: 'Meat', poultry: 'Poultry', egg: 'Eggs', aquatic: 'Fish and seafood', grain: 'Grain', oil: 'Oils',
  soy: 'Soy products', seasoning: 'Seasonings', dried: 'Dried goods', fungus: 'Mushrooms', fruit: 'Fruit', dairy: 'Dairy',
};

/** Spreadsheets hold Chinese labels ("蔬菜", "斤"); codes are accepted too. */
const category = z.string().transform((v, c) => {
  const key = INGREDIENT_CATEGORIES.find((k) => k === v.toLowerCase() || CATEGORY_LABELS[k] === v);
  if (!key) c.addIssue({ code: 'custom', message: `未知类别「${v}」/ unknown category` });
  return key ?? 'vegetable';
});
const unit = z.string().transform((v, c) => {
  const key = parseUnit(v);
  if (!key) c.addIssue({ code: 'custom', message: `未知单位「${v}」/ unknown unit` });
  return key ?? 'kg';
});
const num = (max: number) => z.coerce.number().min(0).max(max).default(0);

const IngredientRow = z.object({
  code: z.coerce.string().trim().min(1).max(60).regex(/^[A-Za-z0-9_.-]+$/),
  name: z.coerce.string().trim().min(1).max(60),
  nameEn: z.coerce.string().trim().max(100).default(''),
  category,
  purchaseUnit: unit,
  gramsPerUnit: z.coerce.number().int().min(1).max(1_000_000),
  shelfLifeDays: z.coerce.number().int().min(0).max(3650),
  energyKcal: num(950), proteinG: num(100), fatG: num(100), carbohydrateG: num(100), fibreG: num(100), sodiumMg: num(40000),
  source: z.coerce.string().trim().max(200).default(''),
}).refine((v) => PURCHASE_UNITS[v.purchaseUnit].grams === null || PURCHASE_UNITS[v.purchaseUnit].grams === v.gramsPerUnit, {
  path: ['gramsPerUnit'], message: '千克=1000 克，斤=500 克 / kg is 1000 g and jin is 500 g',
});
export type IngredientRow = z.infer<typeof IngredientRow>;

export const ingredientSheet: SheetSpec<IngredientRow> = {
  name: '食材 Ingredients',
  row: IngredientRow,
  columns: [
    { key: 'code', zh: '编码', en: 'Code', width: 18 },
    { key: 'name', zh: '名称', en: 'Name', width: 16 },
    { key: 'nameEn', zh: '英文名', en: 'English name', width: 24 },
    { key: 'category', zh: '类别', en: 'Category' },
    { key: 'purchaseUnit', zh: '采购单位', en: 'Purchase unit' },
    { key: 'gramsPerUnit', zh: '每单位克数', en: 'Grams per unit' },
    { key: 'shelfLifeDays', zh: '保质期天数', en: 'Shelf life days' },
    { key: 'energyKcal', zh: '能量千卡每百克', en: 'Energy kcal per 100g' },
    { key: 'proteinG', zh: '蛋白质克', en: 'Protein g' },
    { key: 'fatG', zh: '脂肪克', en: 'Fat g' },
    { key: 'carbohydrateG', zh: '碳水化合物克', en: 'Carbohydrate g' },
    { key: 'fibreG', zh: '膳食纤维克', en: 'Fibre g' },
    { key: 'sodiumMg', zh: '钠毫克', en: 'Sodium mg' },
    { key: 'source', zh: '数据来源', en: 'Source', width: 24 },
  ],
};

export const toSheetRow = (i: Omit<IngredientRow, 'purchaseUnit'> & { purchaseUnit: string }) => ({
  ...i, category: CATEGORY_LABELS[i.category], purchaseUnit: PURCHASE_UNITS[i.purchaseUnit as keyof typeof PURCHASE_UNITS]?.zh ?? i.purchaseUnit,
});
