import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkRanges, coalesceRanges, seqsIn, type SeqRange } from './seqRanges.js';

const members = (ranges: readonly SeqRange[]) => new Set(seqsIn(ranges));
const rangeArb = fc
  .tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 40 }))
  .map(([from, len]) => ({ from, to: from + len }));

describe('seq ranges', () => {
  it('lists every seq of the ranges, range by range', () => {
    expect(
      seqsIn([
        { from: 7, to: 9 },
        { from: 2, to: 2 },
        { from: 5, to: 4 },
      ]),
    ).toEqual([7, 8, 9, 2]);
  });

  it('joins overlapping, adjacent and repeated ranges', () => {
    expect(
      coalesceRanges([
        { from: 5, to: 9 },
        { from: 1, to: 3 },
        { from: 4, to: 4 },
        { from: 5, to: 9 },
        { from: 20, to: 21 },
      ]),
    ).toEqual([
      { from: 1, to: 9 },
      { from: 20, to: 21 },
    ]);
  });

  it('cuts a large range into spans of at most maxSpan', () => {
    expect(chunkRanges([{ from: 1, to: 25 }], 10)).toEqual([
      [{ from: 1, to: 10 }],
      [{ from: 11, to: 20 }],
      [{ from: 21, to: 25 }],
    ]);
    expect(
      chunkRanges(
        [
          { from: 1, to: 4 },
          { from: 8, to: 9 },
        ],
        10,
      ),
    ).toEqual([
      [
        { from: 1, to: 4 },
        { from: 8, to: 9 },
      ],
    ]);
  });

  it('chunks cover exactly the same seqs, each within the span', () => {
    fc.assert(
      fc.property(fc.array(rangeArb, { maxLength: 20 }), fc.integer({ min: 1, max: 50 }), (ranges, maxSpan) => {
        const chunks = chunkRanges(ranges, maxSpan);
        expect(members(chunks.flat())).toEqual(members(ranges));
        for (const chunk of chunks)
          expect(chunk.reduce((n, r) => n + r.to - r.from + 1, 0)).toBeLessThanOrEqual(maxSpan);
      }),
    );
  });
});
