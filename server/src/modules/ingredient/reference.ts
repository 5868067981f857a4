import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readDataCsv } from '../../core/csv-file.ts';
import type { IngredientInput } from './contracts.ts';
import type { PurchaseUnit } from './units.ts';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../reference-data/reference-ingredients.csv');

/** The shipped reference set: 170+ common canteen ingredients, nutrition per 100 g from USDA FoodData Central. */
export function referenceIngredients(): (Omit<IngredientInput, 'orgId' | 'active'> & { referencePriceFen: number })[] {
  return readDataCsv(file).map((r) => ({
    code: r.code!,
    name: r.name_zh!,
    nameEn: r.name_en!,
    category: r.category as IngredientInput['category'],
    purchaseUnit: r.purchase_unit as PurchaseUnit,
    gramsPerUnit: Number(r.grams_per_unit),
    shelfLifeDays: Number(r.shelf_life_days),
    energyKcal: Number(r.energy_kcal),
    proteinG: Number(r.protein_g),
    fatG: Number(r.fat_g),
    carbohydrateG: Number(r.carbohydrate_g),
    fibreG: Number(r.fibre_g),
    sodiumMg: Number(r.sodium_mg),
    source: r.usda_fdc_id ? `USDA FDC ${r.usda_fdc_id}` : 'USDA FDC (closest food)',
    referencePriceFen: Number(r.price_fen),
  }));
}
