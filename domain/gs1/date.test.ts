import { describe, expect, test } from 'vitest';
import { parseGs1Date, resolveTwoDigitYear } from './date.js';

const now = new Date('2026-06-15T12:00:00Z');

describe('parseGs1Date', () => {
  test.each([
    ['250728', '2025-07-28'],
    ['240200', '2024-02-29'],
    ['250200', '2025-02-28'],
    ['000229', '2000-02-29'],
    ['761231', '2076-12-31'],
    ['770101', '1977-01-01'],
    ['261100', '2026-11-30'],
  ])('%s -> %s', (yymmdd, iso) => {
    expect(parseGs1Date(yymmdd, now)).toEqual({ ok: true, value: { yymmdd, iso } });
  });

  test.each([
    ['251301', 'invalid_date'],
    ['250001', 'invalid_date'],
    ['250229', 'invalid_date'],
    ['250431', 'invalid_date'],
    ['25043', 'length'],
    ['2504O1', 'bad_character'],
  ])('%s -> %s', (yymmdd, code) => {
    const result = parseGs1Date(yymmdd, now, { ai: '17' });
    expect(result.ok ? null : result.error).toMatchObject({ code, ai: '17' });
  });
});

describe('resolveTwoDigitYear (GS1 7.12 sliding window)', () => {
  test.each([
    [2026, 76, 2076],
    [2026, 77, 1977],
    [2026, 0, 2000],
    [2026, 51, 2051],
    // Near a century end the window reaches into the next century...
    [2080, 30, 2130],
    [2080, 31, 2031],
    // ...and near its start, back into the previous one.
    [2001, 52, 1952],
    [2001, 51, 2051],
  ])('current year %i, YY %i -> %i', (current, yy, year) => {
    expect(resolveTwoDigitYear(yy, current)).toBe(year);
  });

  test('the window depends on the given "now", not on the clock', () => {
    const result = parseGs1Date('990101', new Date('2060-01-01T00:00:00Z'));
    expect(result.ok && result.value.iso).toBe('2099-01-01');
  });
});
