import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataCsv } from '../../core/csv-file.ts';
import type { DishInput } from './contracts.ts';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../reference-data');

/** The shipped dish library with standard recipes; ingredient codes refer to the reference ingredients. */
export function referenceDishes(): (Omit<DishInput, 'recipe' | 'orgId' | 'active'> & { recipe: { ingredientCode: string; netG: number; yieldPct: number }[] })[] {
  const recipes = readDataCsv(path.join(dir, 'reference-recipes.csv'));
  return readDataCsv(path.join(dir, 'reference-dishes.csv')).map((d) => ({
    code: d.code!,
    name: d.name_zh!,
    nameEn: d.name_en!,
    kind: d.kind as DishInput['kind'],
    seasons: d.seasons === 'all' ? [] : (d.seasons!.split('|') as DishInput['seasons']),
    priceFen: Number(d.price_fen),
    portionG: Number(d.portion_g),
    recipe: recipes.filter((r) => r.dish_code === d.code).map((r) => ({ ingredientCode: r.ingredient_code!, netG: Number(r.net_grams), yieldPct: Number(r.yield_pct) })),
  }));
}
