import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parsePackScan } from './pack.js';
import { parseScan } from './parseScan.js';

interface BarcodeCase {
  id: string;
  form: 'element_string' | 'bracketed' | 'digital_link';
  input: string;
  expected: Record<string, string>;
  ignoredAis?: Record<string, string>;
}

const vectors = JSON.parse(readFileSync(new URL('../../test/vectors/barcodes.json', import.meta.url), 'utf8')) as {
  cases: BarcodeCase[];
};

// The vectors fix the two-digit-year window with 2026 as the current year.
const now = new Date('2026-06-15T00:00:00Z');
const cases = vectors.cases.map((c) => [c.id, c] as const);

describe('barcodes.json vectors', () => {
  test.each(cases)('%s', (_id, c) => {
    const result = parsePackScan(c.input, { now });
    if ('error' in c.expected) {
      expect(result.ok).toBe(false);
      const first = result.ok ? undefined : result.error[0];
      expect(first?.code).toBe(c.expected.error);
      expect(first?.ai).toBe(c.expected.ai);
    } else {
      expect(result).toEqual({ ok: true, value: c.expected });
    }
  });

  test.each(cases)('%s: form, extra AIs and error positions', (_id, c) => {
    const scan = parseScan(c.input, { now });
    if (scan.ok) {
      expect(scan.value.form).toBe(c.form);
      const extras = scan.value.elements.filter((e) => !['01', '10', '17', '21'].includes(e.ai));
      expect(Object.fromEntries(extras.map((e) => [e.ai, e.value]))).toEqual(c.ignoredAis ?? {});
    } else {
      for (const error of scan.error) {
        expect(typeof error.message).toBe('string');
        if (error.position !== undefined) expect(error.position).toBeLessThanOrEqual(c.input.length);
      }
    }
  });
});
