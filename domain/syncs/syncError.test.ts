import { describe, expect, test } from 'vitest';
import { keepFirstErrors, MAX_SYNC_ERRORS, type SyncError } from './syncError.js';

const errors = (n: number, from = 0): SyncError[] =>
  Array.from({ length: n }, (_, i) => ({ gtin: String(from + i), reason: 'r' }));

describe('keepFirstErrors', () => {
  test.each([
    [0, 10, 10],
    [990, 20, MAX_SYNC_ERRORS],
    [MAX_SYNC_ERRORS, 5, MAX_SYNC_ERRORS],
    [0, 5000, MAX_SYNC_ERRORS],
  ])('%i kept + %i more -> %i', (kept, more, expected) => {
    const result = keepFirstErrors(errors(kept), errors(more, kept));
    expect(result).toHaveLength(expected);
    // The first ones win, in order: later pages never push out earlier errors.
    expect(result.map((e) => Number(e.gtin))).toEqual(Array.from({ length: expected }, (_, i) => i));
  });
});
