import { z } from 'zod';
import { readWorkbook, type SheetSpec } from '../../../core/excel.ts';
import type { Lang } from '../../../core/errors.ts';
import { yuanToFen } from '../../../core/spreadsheet-values.ts';
import type { PriceFeed } from './price-feed.ts';

const PriceRow = z.object({
  ingredientCode: z.coerce.string().trim().min(1).max(60),
  name: z.coerce.string().trim().max(60).optional(),
  priceFen: yuanToFen,
  gramsPerUnit: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

export const priceSheet: SheetSpec<z.infer<typeof PriceRow>> = {
  name: '价格 Prices',
  row: PriceRow,
  columns: [
    { key: 'ingredientCode', zh: '食材编码', en: 'Ingredient code', width: 18 },
    { key: 'name', zh: '食材名称', en: 'Ingredient name', width: 16 },
    { key: 'priceFen', zh: '单价元', en: 'Unit price yuan' },
    { key: 'gramsPerUnit', zh: '每单位克数', en: 'Grams per unit' },
  ],
};

/** The local price feed: a supplier's quote sheet uploaded as Excel or CSV. */
export class FilePriceFeed implements PriceFeed {
  readonly source = 'file';
  constructor(private readonly bytes: Buffer, private readonly fileName: string, private readonly lang: Lang) {}

  async quotes() {
    const { sheet } = await readWorkbook(this.bytes, this.fileName, { sheet: priceSheet }, this.lang);
    return { quotes: sheet.rows.map(({ row, value }) => ({ row, quote: { ingredientCode: value.ingredientCode, priceFen: value.priceFen, gramsPerUnit: value.gramsPerUnit } })), errors: sheet.errors };
  }
}
