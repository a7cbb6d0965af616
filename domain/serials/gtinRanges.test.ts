import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inGtinRange, splitGtinRanges, weightIn } from './gtinRanges.js';

const g = (n: number) => String(n).padStart(14, '0');

describe('splitGtinRanges', () => {
  it('one part, or nothing known: the whole key space', () => {
    expect(splitGtinRanges([{ gtin: g(1), weight: 5 }], 1)).toEqual([{}]);
    expect(splitGtinRanges([], 4)).toEqual([{}]);
  });

  it('equal weights split evenly', () => {
    const weights = [1, 2, 3, 4].map((n) => ({ gtin: g(n), weight: 10 }));
    expect(splitGtinRanges(weights, 2)).toEqual([{ gtinTo: g(3) }, { gtinFrom: g(3) }]);
    expect(splitGtinRanges(weights, 4)).toEqual([
      { gtinTo: g(2) },
      { gtinFrom: g(2), gtinTo: g(3) },
      { gtinFrom: g(3), gtinTo: g(4) },
      { gtinFrom: g(4) },
    ]);
  });

  it('a GTIN heavier than a share is never split: fewer ranges', () => {
    expect(
      splitGtinRanges(
        [
          { gtin: g(1), weight: 100 },
          { gtin: g(2), weight: 1 },
        ],
        4,
      ),
    ).toEqual([{ gtinTo: g(2) }, { gtinFrom: g(2) }]);
  });

  it('every GTIN falls in exactly one range, whatever the weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gtin: fc.integer({ min: 0, max: 999 }).map(g), weight: fc.nat(50) })),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 999 }),
        (weights, parts, probe) => {
          const ranges = splitGtinRanges(weights, parts);
          expect(ranges.length).toBeGreaterThanOrEqual(1);
          expect(ranges.length).toBeLessThanOrEqual(parts);
          expect(ranges.filter((r) => inGtinRange(g(probe), r))).toHaveLength(1);
          expect(ranges.every((r) => r.gtinFrom === undefined || r.gtinTo === undefined || r.gtinFrom < r.gtinTo)).toBe(
            true,
          );
        },
      ),
    );
  });

  it('the ranges share out the whole weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gtin: fc.integer({ min: 0, max: 999 }).map(g), weight: fc.nat(50) })),
        fc.integer({ min: 1, max: 8 }),
        (weights, parts) => {
          const total = weights.reduce((n, w) => n + w.weight, 0);
          expect(splitGtinRanges(weights, parts).reduce((n, r) => n + weightIn(weights, r), 0)).toBe(total);
        },
      ),
    );
    expect(
      weightIn(
        [
          { gtin: g(1), weight: 3 },
          { gtin: g(5), weight: 4 },
        ],
        { gtinFrom: g(2) },
      ),
    ).toBe(4);
  });
});
