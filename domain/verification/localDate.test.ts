import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { localDate } from './localDate.js';

describe('localDate', () => {
  test.each([
    // Plain midnight in New York, winter (EST, UTC-5).
    ['2026-03-01T04:59:59.999Z', 'America/New_York', '2026-02-28'],
    ['2026-03-01T05:00:00.000Z', 'America/New_York', '2026-03-01'],
    // Spring forward on 2026-03-08 at 07:00Z: midnight before it is -5, midnight after it -4.
    ['2026-03-08T04:59:59.999Z', 'America/New_York', '2026-03-07'],
    ['2026-03-08T05:00:00.000Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T03:59:59.999Z', 'America/New_York', '2026-03-08'],
    ['2026-03-09T04:00:00.000Z', 'America/New_York', '2026-03-09'],
    // Fall back on 2026-11-01 at 06:00Z: midnight before it is still -4, after it -5.
    ['2026-11-01T03:59:59.999Z', 'America/New_York', '2026-10-31'],
    ['2026-11-01T04:00:00.000Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T04:59:59.999Z', 'America/New_York', '2026-11-01'],
    ['2026-11-02T05:00:00.000Z', 'America/New_York', '2026-11-02'],
    // Same instant, different producers.
    ['2026-05-01T05:00:00.000Z', 'America/Los_Angeles', '2026-04-30'],
    ['2026-05-01T05:00:00.000Z', 'America/New_York', '2026-05-01'],
    ['2026-05-01T05:00:00.000Z', 'UTC', '2026-05-01'],
    // Half-hour and extreme offsets.
    ['2026-03-01T18:29:59.999Z', 'Asia/Kolkata', '2026-03-01'],
    ['2026-03-01T18:30:00.000Z', 'Asia/Kolkata', '2026-03-02'],
    ['2026-03-01T10:00:00.000Z', 'Pacific/Kiritimati', '2026-03-02'],
    ['2026-03-01T10:59:59.999Z', 'Pacific/Pago_Pago', '2026-02-28'],
    // US territories of the target markets.
    ['2026-03-01T13:59:59.999Z', 'Pacific/Guam', '2026-03-01'],
    ['2026-03-01T14:00:00.000Z', 'Pacific/Guam', '2026-03-02'],
    ['2026-03-01T04:00:00.000Z', 'America/Puerto_Rico', '2026-03-01'],
    // Leap day.
    ['2028-02-29T23:59:59.999Z', 'UTC', '2028-02-29'],
  ])('%s in %s is %s', (instant, zone, want) => {
    expect(localDate(new Date(instant), zone)).toBe(want);
  });

  test('a new local day is seen one millisecond after the old one, in any call order', () => {
    const before = new Date('2026-03-01T04:59:59.999Z');
    const after = new Date('2026-03-01T05:00:00.000Z');
    expect([localDate(before, 'America/New_York'), localDate(after, 'America/New_York')]).toEqual([
      '2026-02-28',
      '2026-03-01',
    ]);
    expect([localDate(after, 'America/New_York'), localDate(before, 'America/New_York')]).toEqual([
      '2026-03-01',
      '2026-02-28',
    ]);
  });

  test('agrees with an independent formatter for any instant and zone, whatever came before', () => {
    const zones = [
      'America/New_York',
      'America/Los_Angeles',
      'America/Anchorage',
      'Pacific/Honolulu',
      'Asia/Kathmandu',
      'UTC',
    ];
    // format() in a locale that happens to print ISO dates: a different path from formatToParts.
    const oracle = new Map(
      zones.map((zone) => [zone, new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short' })]),
    );
    fc.assert(
      fc.property(
        // Quarter hours, so bases often sit on some zone's midnight (all offsets here are whole quarters).
        fc.integer({ min: 0, max: 4_558_271 }).map((quarter) => quarter * 900_000),
        // Instants close together, so calls hit the per-second cache as well as cross a midnight.
        fc.array(fc.tuple(fc.integer({ min: -3000, max: 3000 }), fc.constantFrom(...zones)), {
          minLength: 1,
          maxLength: 20,
        }),
        (base, calls) => {
          for (const [delta, zone] of calls) {
            expect(localDate(new Date(base + delta), zone)).toBe(oracle.get(zone)?.format(base + delta));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('rejects an unknown zone and an invalid date', () => {
    expect(() => localDate(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => localDate(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
  });
});
