import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { computeCheckDigit, isValidGtin14, normalizeGtin, validateGtin14 } from './gtin.js';
import { isValidGln, validateGln } from './gln.js';

interface GtinCase {
  id: string;
  input: string;
  expected: { valid: boolean; error?: string };
}

const vectors = JSON.parse(readFileSync(new URL('../../test/vectors/gtin.json', import.meta.url), 'utf8')) as {
  cases: GtinCase[];
};

describe('gtin.json vectors', () => {
  test.each(vectors.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const result = validateGtin14(c.input);
    expect(isValidGtin14(c.input)).toBe(c.expected.valid);
    expect(result.ok).toBe(c.expected.valid);
    if (!result.ok) expect(result.error.code).toBe(c.expected.error);
  });
});

describe('computeCheckDigit', () => {
  test.each([
    ['0036141456789', 4],
    ['0030591036901', 9],
    ['0031234500008', 0],
    ['061414100001', 2], // 12-digit GLN body of GS1 US example GLN 0614141000012
  ])('%s -> %i', (data, check) => {
    expect(computeCheckDigit(data)).toBe(check);
  });
});

describe('normalizeGtin', () => {
  test.each([
    ['96385074', '00000096385074'],
    ['036000291452', '00036000291452'],
    ['4006381333931', '04006381333931'],
    ['00361414567894', '00361414567894'],
  ])('%s -> %s', (input, gtin14) => {
    expect(normalizeGtin(input)).toEqual({ ok: true, value: gtin14 });
  });

  test.each([
    ['', 'length'],
    ['1234567', 'length'],
    ['036000291451', 'check_digit'],
    ['03600029145A', 'non_digit'],
  ])('%j -> %s', (input, code) => {
    const result = normalizeGtin(input);
    expect(result.ok ? null : result.error.code).toBe(code);
  });

  test('positions refer to the unpadded input', () => {
    const result = normalizeGtin('0360002914X2');
    expect(result.ok ? null : result.error.position).toBe(10);
  });
});

describe('GLN', () => {
  test('valid and invalid', () => {
    expect(isValidGln('0614141000012')).toBe(true);
    expect(isValidGln('0614141000013')).toBe(false);
    const short = validateGln('061414100001');
    expect(short.ok ? null : short.error.code).toBe('length');
  });
});
