import { describe, expect, test } from 'vitest';
import { dayRange } from '../api/web/dayRange.js';

const NOW = new Date('2026-12-03T15:00:00Z');
const LIMITS = { defaultDays: 7, maxDays: 31 };

describe('dayRange (the history and coverage pages)', () => {
  test.each([
    {
      name: 'nothing asked: the last 7 days up to today',
      from: undefined,
      to: undefined,
      want: ['2026-11-27', '2026-12-04', undefined],
    },
    {
      name: 'a range as asked, the last day included',
      from: '2026-11-01',
      to: '2026-11-02',
      want: ['2026-11-01', '2026-11-03', undefined],
    },
    {
      name: 'from after to: swapped',
      from: '2026-11-05',
      to: '2026-11-01',
      want: ['2026-11-01', '2026-11-06', 'From was after to: the two were swapped.'],
    },
    {
      name: 'too long: cut to the limit ending at to',
      from: '2025-01-01',
      to: '2025-12-31',
      want: ['2025-12-01', '2026-01-01', 'At most 31 days at a time: the range now starts 2025-12-01.'],
    },
    {
      name: 'not a day: the default range',
      from: '2026-13-01',
      to: undefined,
      want: ['2026-11-27', '2026-12-04', 'Dates are days as YYYY-MM-DD; the last 7 days are shown.'],
    },
  ])('$name', ({ from, to, want }) => {
    const range = dayRange(NOW, from, to, LIMITS);
    expect([range.from.toISOString().slice(0, 10), range.toExclusive.toISOString().slice(0, 10), range.error]).toEqual(
      want,
    );
  });
});
