export interface BatchStock {
  id: number;
  qtyG: number;
  valueFen: number;
}

export interface Take {
  batchId: number;
  qtyG: number;
  valueFen: number;
}

/**
 * Value in fen of `g` grams out of a batch holding `qtyG` grams worth `valueFen`, rounded half up in
 * integers. Taking the whole remainder takes the whole remaining value, so a batch ends at 0 g and 0 fen.
 */
export function valueOf(g: number, batch: { qtyG: number; valueFen: number }): number {
  if (g >= batch.qtyG) return batch.valueFen;
  return Math.floor((2 * batch.valueFen * g + batch.qtyG) / (2 * batch.qtyG));
}

/**
 * Takes `grams` from batches already ordered first-expiring-first. Returns null when they hold too little.
 */
export function takeFefo(batches: BatchStock[], grams: number): Take[] | null {
  const takes: Take[] = [];
  let left = grams;
  for (const b of batches) {
    if (left <= 0) break;
    if (b.qtyG <= 0) continue;
    const g = Math.min(left, b.qtyG);
    takes.push({ batchId: b.id, qtyG: g, valueFen: valueOf(g, b) });
    left -= g;
  }
  return left > 0 ? null : takes;
}

/** Amount in fen for `grams` at a price per purchase unit of `gramsPerUnit` grams, rounded half up. */
export function amountFor(grams: number, unitPriceFen: number, gramsPerUnit: number): number {
  return Math.floor((2 * grams * unitPriceFen + gramsPerUnit) / (2 * gramsPerUnit));
}
