import dayjs from 'dayjs';
import { t } from '../../../i18n.ts';
import type { Ingredient } from '../../ingredient/IngredientsPage.tsx';
import type { Order, OrderLine } from '../../purchase/status.tsx';
import { lineDone } from '../../purchase/status.tsx';
import type { Decision, Grade } from '../shared.tsx';

/** One delivered ingredient as the receiving clerk works through it, before the receipt is posted. */
export interface Draft {
  ingredientId: number;
  orderLineId?: number;
  code: string; name: string; nameEn: string; category: string; purchaseUnit: string; gramsPerUnit: number; shelfLifeDays: number;
  /** Against an order: what was ordered, what came before, what is still to come. */
  orderedQty?: number; orderedG?: number; receivedG?: number; openG?: number;
  /** Price per purchase unit: the order's, or for a delivery without an order the supplier's quote or what the clerk types. */
  unitPriceFen: number | null;
  status: 'pending' | 'done' | 'skipped';
  deliveredG: number | null;
  weighedBy: 'scale' | 'manual';
  deviceCode?: string;
  decision: Decision | null;
  /** Only for a partial acceptance. */
  partialG: number | null;
  grade: Grade;
  reason: string;
  bestBefore: string;
}

const fresh = { status: 'pending' as const, deliveredG: null, weighedBy: 'manual' as const, decision: null, partialG: null, grade: 'good' as const, reason: '' };

export const defaultBestBefore = (shelfLifeDays: number) => dayjs().add(shelfLifeDays, 'day').format('YYYY-MM-DD');

/** The lines of an order still to come, in order. */
export function draftsOfOrder(order: Order, ingredients: Map<number, Ingredient>): Draft[] {
  return order.lines.filter((l: OrderLine) => !lineDone(l)).map((l) => {
    const ing = ingredients.get(l.ingredientId);
    const shelfLifeDays = ing?.shelfLifeDays ?? 1;
    return {
      ...fresh, ingredientId: l.ingredientId, orderLineId: l.id, code: l.code ?? '', name: l.name ?? '', nameEn: l.nameEn ?? '', category: l.category ?? '',
      purchaseUnit: l.purchaseUnit, gramsPerUnit: l.gramsPerUnit, shelfLifeDays, orderedQty: l.qty, orderedG: l.orderedG, receivedG: l.receivedG, openG: l.openG,
      unitPriceFen: l.unitPriceFen, bestBefore: defaultBestBefore(shelfLifeDays),
    };
  });
}

export function draftOfIngredient(ing: Ingredient, unitPriceFen: number | null): Draft {
  return {
    ...fresh, ingredientId: ing.id, code: ing.code, name: ing.name, nameEn: ing.nameEn, category: ing.category, purchaseUnit: ing.purchaseUnit,
    gramsPerUnit: ing.gramsPerUnit, shelfLifeDays: ing.shelfLifeDays, unitPriceFen, bestBefore: defaultBestBefore(ing.shelfLifeDays),
  };
}

export const acceptedOf = (d: Draft) => (d.decision === 'accepted' ? d.deliveredG ?? 0 : d.decision === 'partial' ? d.partialG ?? 0 : 0);

/** Money for what is accepted, as the server reckons it: grams × price per unit ÷ grams per unit. */
export const amountOf = (d: Draft) => (d.unitPriceFen == null ? 0 : Math.round((acceptedOf(d) * d.unitPriceFen) / d.gramsPerUnit));

/** What still stops this line from being done, in plain words; null when it is complete. */
export function missingStep(d: Draft): string | null {
  if (!d.deliveredG || d.deliveredG <= 0) return t('请先称重：放上秤后点「使用此重量」，或手工输入重量', 'Weigh it first: use the scale\'s weight or type it');
  if (!d.decision) return t('请选择：合格入库、部分验收或拒收', 'Choose: accept, accept part, or reject');
  if (d.decision === 'partial' && (!d.partialG || d.partialG >= d.deliveredG)) return t('请填写验收数量（小于到货重量）', 'Enter the accepted weight (less than delivered)');
  if (d.decision !== 'accepted' && !d.reason.trim()) return t('请选择或填写原因', 'Choose or write the reason');
  if (d.decision !== 'rejected' && d.bestBefore < dayjs().format('YYYY-MM-DD')) return t('保质期已过，不能入库：请拒收或改正日期', 'Past its best-before: reject it or correct the date');
  if (d.decision !== 'rejected' && d.unitPriceFen == null) return t('请填写单价', 'Enter the unit price');
  return null;
}

/** The receipt line the server takes (ReceiptLineInput). */
export function toLineInput(d: Draft, withPrice: boolean) {
  return {
    ingredientId: d.ingredientId,
    ...(d.orderLineId ? { orderLineId: d.orderLineId } : {}),
    deliveredG: d.deliveredG!,
    acceptedG: acceptedOf(d),
    decision: d.decision!,
    grade: d.grade,
    reason: d.reason.trim(),
    // A scale weight whose scale could not be named is recorded as typed: the server wants the code.
    ...(d.weighedBy === 'scale' && d.deviceCode ? { weighedBy: 'scale' as const, deviceCode: d.deviceCode } : { weighedBy: 'manual' as const }),
    // Without an order the price is ours to give; a rejected line costs nothing whatever its price.
    ...(withPrice ? { unitPriceFen: d.decision === 'rejected' ? d.unitPriceFen ?? 0 : d.unitPriceFen! } : {}),
    ...(d.decision !== 'rejected' ? { bestBefore: d.bestBefore } : {}),
  };
}
