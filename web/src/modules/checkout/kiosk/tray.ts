import type { Board, How, SaleLine } from '../api.ts';
import { lineAmount } from './offline.ts';

/** One line on the tray as the cashier built it; tapped portions of a dish share a line. */
export interface TrayLine { key: string; dishId: number; how: How; portions: number; weightG?: number; suggestedDishId?: number; score?: number }

let seq = 0;
const nextKey = () => `l${++seq}`;

export function addPortion(tray: TrayLine[], dishId: number): TrayLine[] {
  const i = tray.findIndex((l) => l.dishId === dishId && l.how === 'tap');
  if (i < 0) return [...tray, { key: nextKey(), dishId, how: 'tap', portions: 1 }];
  return tray.map((l, j) => (j === i ? { ...l, portions: Math.min(20, l.portions + 1) } : l));
}

/** One less of a dish: a tapped portion first, else its last weighed or recognised line. */
export function removeOne(tray: TrayLine[], dishId: number): TrayLine[] {
  const tap = tray.find((l) => l.dishId === dishId && l.how === 'tap');
  if (tap) return tap.portions > 1 ? tray.map((l) => (l === tap ? { ...l, portions: l.portions - 1 } : l)) : tray.filter((l) => l !== tap);
  const last = [...tray].reverse().find((l) => l.dishId === dishId);
  return last ? tray.filter((l) => l !== last) : tray;
}

export const addLine = (tray: TrayLine[], line: Omit<TrayLine, 'key'>): TrayLine[] => [...tray, { ...line, key: nextKey() }];

export const countOf = (tray: TrayLine[], dishId: number) => tray.filter((l) => l.dishId === dishId).reduce((s, l) => s + (l.how === 'tap' ? l.portions : 1), 0);

export const toSaleLines = (tray: TrayLine[]): SaleLine[] => tray.map((l) => ({
  dishId: l.dishId, how: l.how, portions: l.portions,
  ...(l.weightG !== undefined ? { weightG: l.weightG } : {}),
  ...(l.suggestedDishId !== undefined ? { suggestedDishId: l.suggestedDishId } : {}),
  ...(l.score !== undefined ? { score: Math.max(0, Math.min(1, l.score)) } : {}),
}));

/** The tray at menu price, as the server will price it (tap: price × portions; weigh: pro rata to the portion weight). */
export const trayTotal = (board: Board | null, tray: TrayLine[]) => (board ? tray.reduce((s, l) => s + (lineAmount(board, l) ?? 0), 0) : 0);
