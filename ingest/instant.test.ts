import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.js';

describe('parseInstant', () => {
  it.each([
    ['2025-01-10T09:00:00Z', undefined, '2025-01-10T09:00:00.000Z'],
    ['2025-01-10T09:00:00.123456-05:00', undefined, '2025-01-10T14:00:00.123Z'],
    ['2025-01-10T09:00:00+05:30', '-05:00', '2025-01-10T03:30:00.000Z'],
    ['2025-01-10T09:00:00', '+01:00', '2025-01-10T08:00:00.000Z'],
    ['2024-12-31T23:30:00', '-01:00', '2025-01-01T00:30:00.000Z'],
  ])('%s (fallback %s) -> %s', (s, fallback, expected) => {
    expect(parseInstant(s, fallback)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2025-01-10T09:00:00', undefined],
    ['2025-01-10T09:00:00', 'EST'],
    ['2025-02-30T09:00:00Z', undefined],
    ['2025-01-10T24:00:00Z', undefined],
    ['2025-01-10 09:00:00Z', undefined],
    ['', undefined],
  ])('refuses %s (fallback %s)', (s, fallback) => {
    expect(parseInstant(s, fallback).ok).toBe(false);
  });
});
