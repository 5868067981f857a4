import { describe, expect, it } from 'vitest';
import { amountFor, takeFefo, valueOf } from './fefo.ts';

describe('first-expiring-first allocation', () => {
  const batches = [
    { id: 1, qtyG: 3000, valueFen: 1000 },
    { id: 2, qtyG: 5000, valueFen: 2500 },
  ];

  it('takes the first batch before the next, splitting value in proportion', () => {
    expect(takeFefo(batches, 4000)).toEqual([
      { batchId: 1, qtyG: 3000, valueFen: 1000 },
      { batchId: 2, qtyG: 1000, valueFen: 500 },
    ]);
  });

  it('returns null when the batches hold too little', () => {
    expect(takeFefo(batches, 8001)).toBeNull();
    expect(takeFefo([], 1)).toBeNull();
  });

  it('never leaves value behind: successive partial takes sum to the batch value to the fen', () => {
    let b = { qtyG: 1000, valueFen: 333 };
    let taken = 0;
    for (const g of [333, 333, 1, 333]) {
      const v = valueOf(g, b);
      taken += v;
      b = { qtyG: b.qtyG - g, valueFen: b.valueFen - v };
    }
    expect(b.qtyG).toBe(0);
    expect(b.valueFen).toBe(0);
    expect(taken).toBe(333);
  });

  it('rounds half up: 1 g of a 3 g batch worth 5 fen is 2 fen', () => {
    expect(valueOf(1, { qtyG: 3, valueFen: 5 })).toBe(2);
    expect(valueOf(1, { qtyG: 4, valueFen: 2 })).toBe(1);
  });

  it('prices grams by purchase unit: 1,250 g at 1,400 fen per 500 g is 3,500 fen', () => {
    expect(amountFor(1250, 1400, 500)).toBe(3500);
    expect(amountFor(1, 1, 3)).toBe(0);
    expect(amountFor(3, 1, 2)).toBe(2);
  });
});
