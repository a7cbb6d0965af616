import { describe, expect, test } from 'vitest';
import { axisMax, fillDays } from '../api/web/pages/DailyChart.js';

describe('daily chart scale and days', () => {
  test.each([
    [0, 1],
    [1, 1],
    [2, 2],
    [3, 5],
    [7, 10],
    [11, 20],
    [250, 500],
    [1000, 1000],
  ])('largest day %i gives an axis of %i', (largest, max) => expect(axisMax(largest)).toBe(max));

  test('every day of the range appears once, empty days as zeros', () => {
    const days = fillDays(new Date('2026-11-30T00:00:00Z'), new Date('2026-12-03T00:00:00Z'), [
      { day: '2026-12-01', verified: 2, notVerified: 1, unknown: 0 },
    ]);
    expect(days).toEqual([
      { day: '2026-11-30', verified: 0, notVerified: 0, unknown: 0 },
      { day: '2026-12-01', verified: 2, notVerified: 1, unknown: 0 },
      { day: '2026-12-02', verified: 0, notVerified: 0, unknown: 0 },
    ]);
  });
});
