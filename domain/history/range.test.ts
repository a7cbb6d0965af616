import { describe, expect, test } from 'vitest';
import { historyRange } from './range.js';

describe('historyRange', () => {
  test.each([
    ['2026-12-03', undefined, '2026-12-03T00:00:00.000Z', '2026-12-04T00:00:00.000Z'],
    ['2026-12-03', '2026-12-05', '2026-12-03T00:00:00.000Z', '2026-12-06T00:00:00.000Z'],
    ['2026-12-03', '2026-12-03T12:00:00Z', '2026-12-03T00:00:00.000Z', '2026-12-03T12:00:00.000Z'],
    ['2026-12-03T06:00:00+01:00', '2026-12-04', '2026-12-03T05:00:00.000Z', '2026-12-05T00:00:00.000Z'],
    ['2026-12-03T06:00:00Z', '2026-12-03T07:00:00Z', '2026-12-03T06:00:00.000Z', '2026-12-03T07:00:00.000Z'],
    ['2026-12-31', undefined, '2026-12-31T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ])('from=%s to=%s is [%s, %s)', (from, to, start, end) => {
    const range = historyRange(from, to);
    expect([range.from.toISOString(), range.to?.toISOString()]).toEqual([start, end]);
  });

  test('an instant from without to leaves to open (the route asks for it)', () => {
    expect(historyRange('2026-12-03T00:00:00Z', undefined).to).toBeUndefined();
  });
});
