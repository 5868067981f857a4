/** Whole purchase units to order: what is needed beyond stock on hand, rounded up. */
export function unitsToBuy(needG: number, onHandG: number, gramsPerUnit: number): number {
  const short = Math.max(0, needG - Math.max(0, onHandG));
  return Math.ceil(short / gramsPerUnit);
}

export { unitPrice } from '../supplier/index.ts';
