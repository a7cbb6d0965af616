import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatNdc10, ndc11ToNdc10, ndc10ToNdc11, NDC_LAYOUTS, type NdcLayout } from './ndc.js';
import { gtin14ToNdc10, ndc10ToGtin14, ndc11ToGtin14 } from './ndcGtin.js';

type NdcCase =
  | {
      id: string;
      direction: 'ndc10_to_gtin14';
      input: { ndc10: string; indicator: number; layout?: NdcLayout };
      expected: Record<string, unknown>;
    }
  | { id: string; direction: 'gtin14_to_ndc10'; input: { gtin14: string }; expected: Record<string, unknown> };

const vectors = JSON.parse(readFileSync(new URL('../../test/vectors/ndc.json', import.meta.url), 'utf8')) as {
  cases: NdcCase[];
};

describe('ndc.json vectors', () => {
  test.each(vectors.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const result =
      c.direction === 'ndc10_to_gtin14'
        ? ndc10ToGtin14(c.input.ndc10, c.input.indicator, c.input.layout)
        : gtin14ToNdc10(c.input.gtin14);
    if ('error' in c.expected) {
      expect(result.ok ? null : result.error.code).toBe(c.expected.error);
    } else {
      expect(result).toEqual({ ok: true, value: c.expected });
    }
  });
});

describe('NDC11 back to NDC10 and GTIN', () => {
  test.each(NDC_LAYOUTS.map((l) => [l]))('round trip for layout %s', (layout) => {
    const digits = '0591036901';
    const ndc11 = ndc10ToNdc11(digits, layout);
    expect(ndc11ToNdc10(ndc11, layout)).toEqual({ ok: true, value: digits });
    expect(formatNdc10(digits, layout).replaceAll('-', '')).toBe(digits);
  });

  test('hyphenated NDC11 and GTIN', () => {
    expect(ndc11ToGtin14('00591-0369-01', '4-4-2', 0)).toEqual({ ok: true, value: '00305910369019' });
  });

  test('a layout whose padded digit is not zero is rejected', () => {
    const result = ndc11ToNdc10('12345678901', '4-4-2');
    expect(result.ok ? null : result.error.code).toBe('segment_layout');
  });

  test('indicator 9 (variable measure) is not a pharma pack', () => {
    const result = ndc10ToGtin14('0591-0369-01', 9);
    expect(result.ok ? null : result.error.code).toBe('invalid_indicator');
  });
});
