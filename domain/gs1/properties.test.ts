import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AI_DEFS, type AiDef } from './aiTable.js';
import { daysInMonth, resolveTwoDigitYear } from './date.js';
import { formatBracketed, formatDigitalLink, formatElementString, type AiValue } from './encode.js';
import type { Gs1ErrorCode } from './errors.js';
import { computeCheckDigit } from './gtin.js';
import { parseScan } from './parseScan.js';
import { GS } from './separator.js';

const now = new Date('2026-06-15T00:00:00Z');
const SET_82 = [...'!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'];
const DEFS = [...AI_DEFS.values()];

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const two = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((n) => String(n).padStart(2, '0'));

/** A calendar-valid YYMMDD for the 2026 window; day 00 (month end) only where allowed. */
const yymmdd = (allowDay00: boolean): fc.Arbitrary<string> =>
  fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }))
    .chain(([yy, mm]) =>
      fc
        .integer({ min: allowDay00 ? 0 : 1, max: daysInMonth(resolveTwoDigitYear(yy, 2026), mm) })
        .map((dd) => [yy, mm, dd].map((n) => String(n).padStart(2, '0')).join('')),
    );

/** A valid value for any AI of the table, following its format and rule. */
function valueFor(def: AiDef): fc.Arbitrary<string> {
  if (def.lint === 'csum') return digits(def.length - 1, def.length - 1).map((d) => d + String(computeCheckDigit(d)));
  if (def.lint === 'date') return yymmdd(true);
  if (def.lint === 'datetime') return fc.tuple(yymmdd(false), two(0, 23), two(0, 59)).map((p) => p.join(''));
  if (def.charset === 'N') return def.fixed ? digits(def.length, def.length) : digits(1, def.length);
  return fc.string({ unit: fc.constantFrom(...SET_82), minLength: 1, maxLength: def.length });
}

const aiSet = (defs: AiDef[], maxLength = 8): fc.Arbitrary<AiValue[]> =>
  fc
    .uniqueArray(fc.constantFrom(...defs), { minLength: 1, maxLength, selector: (d) => d.ai })
    .chain((chosen) => fc.tuple(...chosen.map((d) => valueFor(d).map((value) => ({ ai: d.ai, value })))));

const pairs = (scan: ReturnType<typeof parseScan>): AiValue[] | string =>
  scan.ok ? scan.value.elements.map(({ ai, value }) => ({ ai, value })) : JSON.stringify(scan.error);

describe('encode -> parse round trips', () => {
  test('element strings, with any symbology identifier and GS or a configured substitute', () => {
    const gs = fc.constantFrom(GS, '<GS>', '^');
    const symbology = fc.constantFrom('', ']d2', ']C1', ']Q3');
    fc.assert(
      fc.property(aiSet(DEFS), symbology, gs, (elements, sym, sep) => {
        // A value that contains the substitute text cannot be told apart from it.
        fc.pre(sep === GS || elements.every((e) => !e.value.includes(sep)));
        const input = formatElementString(elements, { symbology: sym, gs: sep });
        expect(pairs(parseScan(input, { now, gsSubstitute: sep }))).toEqual(elements);
      }),
      { numRuns: 500 },
    );
  });

  test('bracketed form', () => {
    fc.assert(
      fc.property(aiSet(DEFS), (elements) => {
        // "(AI)" inside a value is ambiguous in this form, so such values are not generated.
        fc.pre(elements.every((e) => !/\(\d{2,4}\)/.test(e.value)));
        expect(pairs(parseScan(formatBracketed(elements), { now }))).toEqual(elements);
      }),
      { numRuns: 500 },
    );
  });

  test('Digital Link, with the GTIN in the path and other AIs as attributes', () => {
    const gtin = aiSet(
      DEFS.filter((d) => d.ai === '01'),
      1,
    );
    const others = aiSet(
      DEFS.filter((d) => d.ai !== '01'),
      6,
    );
    const byAi = (list: AiValue[]): AiValue[] => [...list].sort((a, b) => a.ai.localeCompare(b.ai));
    fc.assert(
      fc.property(gtin, fc.option(others, { nil: [] }), (key, rest) => {
        const elements = [...key, ...rest];
        const got = pairs(parseScan(formatDigitalLink(elements, 'https://id.example.com/some/prefix'), { now }));
        expect(typeof got === 'string' ? got : byAi(got)).toEqual(byAi(elements));
      }),
      { numRuns: 500 },
    );
  });
});

const CODES: Gs1ErrorCode[] = [
  'missing_ai',
  'check_digit',
  'invalid_date',
  'too_long',
  'bad_character',
  'unknown_ai',
  'conflicting_ai',
  'truncated',
  'empty',
  'malformed',
];

/** Whatever the input, the parser returns a value: never throws, errors well-formed. */
function expectWellFormed(input: string, gsSubstitute?: string): void {
  const scan = parseScan(input, { now, gsSubstitute });
  if (scan.ok) return;
  expect(scan.error.length).toBeGreaterThan(0);
  for (const error of scan.error) {
    expect(CODES).toContain(error.code);
    if (error.position !== undefined) expect(error.position).toBeGreaterThanOrEqual(0);
    if (error.position !== undefined) expect(error.position).toBeLessThanOrEqual(input.length);
  }
}

describe('random input never crashes the parser', () => {
  test('random UTF-16 code units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => expectWellFormed(s)),
      { numRuns: 2000 },
    );
  });

  test('random bytes as Latin-1', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => expectWellFormed(String.fromCharCode(...bytes))),
      { numRuns: 2000 },
    );
  });

  test('strings built from barcode-like pieces', () => {
    const piece = fc.constantFrom(
      ']d2',
      ']Q1',
      GS,
      '<GS>',
      '(',
      ')',
      '01',
      '17',
      '10',
      '21',
      '7003',
      '%',
      '%2F',
      '%E9',
      '/',
      '?',
      '&',
      '=',
      'https://x.org',
      '0',
      '9',
      'A',
      '#',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom(undefined, '<GS>', '%'), (parts, sub) =>
        expectWellFormed(parts.join(''), sub),
      ),
      { numRuns: 3000 },
    );
  });
});
