import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.ts';
import { parseWeight } from './scale-cli.ts';
import { ScaleModel } from './scale.ts';

const model = () => {
  const rng = new Random(42);
  return new ScaleModel(() => rng.next());
};

describe('scale model', () => {
  it('climbs unstable with noise, then settles on the load within its 2 g resolution', () => {
    const m = model();
    m.place(12_345);
    const readings = Array.from({ length: 12 }, () => m.next());
    const firstStable = readings.findIndex((r) => r.stable);
    expect(firstStable).toBeGreaterThan(3);
    expect(readings.slice(firstStable).every((r) => r.stable && r.grams === readings[firstStable]!.grams)).toBe(true);
    expect(Math.abs(readings[firstStable]!.grams - 12_345)).toBeLessThanOrEqual(2);
    expect(readings.every((r) => r.grams % 2 === 0)).toBe(true);
    // it does not jump straight to the load
    expect(readings[0]!.grams).toBeLessThan(6_000);
    expect(new Set(readings.slice(0, firstStable).map((r) => r.grams)).size).toBeGreaterThan(2);
  });

  it('goes back to zero when cleared, and is stable at zero when idle', () => {
    const m = model();
    expect(m.next()).toEqual({ grams: 0, stable: true });
    m.place(5_000);
    for (let i = 0; i < 10; i++) m.next();
    m.clear();
    expect(m.next().stable).toBe(false);
    for (let i = 0; i < 10; i++) m.next();
    expect(m.next()).toEqual({ grams: 0, stable: true });
  });
});

describe('simulator command line', () => {
  it('reads weights as people type them', () => {
    expect(parseWeight('800')).toBe(800);
    expect(parseWeight('12.5kg')).toBe(12_500);
    expect(parseWeight('3斤')).toBe(1_500);
    expect(parseWeight(' 2 公斤 ')).toBe(2_000);
    expect(parseWeight('heavy')).toBeNull();
    expect(parseWeight('5 lb')).toBeNull();
  });
});
