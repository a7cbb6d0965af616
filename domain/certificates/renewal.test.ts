import { describe, expect, test } from 'vitest';
import {
  checkRotationWindow,
  DEFAULT_OVERLAP_MS,
  DEFAULT_RENEW_BEFORE_MS,
  msUntil,
  overlapEndsAt,
  renewAt,
} from './renewal.js';

const DAY = 86_400_000;
const t = (iso: string) => new Date(iso);

describe('rotation timeline', () => {
  test('renews 30 days before expiry and overlaps 7 days by default', () => {
    expect(renewAt(t('2026-03-31T00:00:00Z'), DEFAULT_RENEW_BEFORE_MS)).toEqual(t('2026-03-01T00:00:00Z'));
    expect(overlapEndsAt(t('2026-03-01T12:00:00Z'), DEFAULT_OVERLAP_MS)).toEqual(t('2026-03-08T12:00:00Z'));
  });

  test('msUntil is never negative', () => {
    expect(msUntil(t('2026-01-02T00:00:00Z'), t('2026-01-01T00:00:00Z'))).toBe(DAY);
    expect(msUntil(t('2026-01-01T00:00:00Z'), t('2026-01-02T00:00:00Z'))).toBe(0);
  });

  test.each([
    [30 * DAY, 7 * DAY, null],
    [30 * DAY, 0, null],
    [7 * DAY, 7 * DAY, 'must be shorter'],
    [0, 0, 'must be positive'],
    [30 * DAY, -1, 'must be positive'],
  ])('renewBefore %d, overlap %d -> %s', (renewBefore, overlap, problem) => {
    const result = checkRotationWindow(renewBefore, overlap);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toContain(problem);
  });
});
