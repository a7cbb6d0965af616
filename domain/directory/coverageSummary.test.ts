import { describe, expect, test } from 'vitest';
import { summarizeCoverage } from './coverageSummary.js';

const A = '00361414567894';
const B = '00361414567900';

describe('summarizeCoverage', () => {
  test.each([
    { name: 'nothing uncovered', rows: [], want: { perDay: [], gtins: [] } },
    {
      name: 'one GTIN asked by two requestors on two days',
      rows: [
        { day: '2026-12-01', requestorGln: '0321012345676', gtin: A, requests: 2 },
        { day: '2026-12-01', requestorGln: null, gtin: A, requests: 1 },
        { day: '2026-12-03', requestorGln: '0321012345676', gtin: A, requests: 4 },
      ],
      want: {
        perDay: [
          { day: '2026-12-01', gtins: 1, requests: 3 },
          { day: '2026-12-03', gtins: 1, requests: 4 },
        ],
        gtins: [{ gtin: A, requests: 7, requestors: 2, firstDay: '2026-12-01', lastDay: '2026-12-03' }],
      },
    },
    {
      name: 'most asked first, ties in GTIN order; days sorted whatever the row order',
      rows: [
        { day: '2026-12-02', requestorGln: 'x', gtin: B, requests: 1 },
        { day: '2026-12-01', requestorGln: 'x', gtin: A, requests: 1 },
        { day: '2026-12-01', requestorGln: 'x', gtin: '00000000000017', requests: 5 },
      ],
      want: {
        perDay: [
          { day: '2026-12-01', gtins: 2, requests: 6 },
          { day: '2026-12-02', gtins: 1, requests: 1 },
        ],
        gtins: [
          { gtin: '00000000000017', requests: 5, requestors: 1, firstDay: '2026-12-01', lastDay: '2026-12-01' },
          { gtin: A, requests: 1, requestors: 1, firstDay: '2026-12-01', lastDay: '2026-12-01' },
          { gtin: B, requests: 1, requestors: 1, firstDay: '2026-12-02', lastDay: '2026-12-02' },
        ],
      },
    },
  ])('$name', ({ rows, want }) => expect(summarizeCoverage(rows)).toEqual(want));
});
