import { describe, expect, test } from 'vitest';
import { parsePackScan, requirePackIdentifiers } from './pack.js';
import { parseScan } from './parseScan.js';
import { getAi } from './parsedScan.js';

const now = new Date('2026-06-15T00:00:00Z');
const PACK = ']d2010036141456789417270101' + '10LOT1\u001d21SER1';

const errorsOf = (input: string, gsSubstitute?: string): { code: string; ai?: string; position?: number }[] => {
  const scan = parseScan(input, { now, gsSubstitute });
  return scan.ok ? [] : scan.error.map(({ code, ai, position }) => ({ code, ai, position }));
};

describe('form detection and symbology identifiers', () => {
  test.each([
    [PACK, 'element_string', ']d2'],
    ['010036141456789417270101', 'element_string', null],
    [']e0010036141456789417270101', 'element_string', ']e0'],
    ['(01)00361414567894', 'bracketed', null],
    [']Q1https://id.example.com/01/00361414567894', 'digital_link', ']Q1'],
  ])('%j -> %s', (input, form, symbology) => {
    const scan = parseScan(input, { now });
    expect(scan.ok && { form: scan.value.form, symbology: scan.value.symbology }).toEqual({ form, symbology });
  });
});

describe('GS substitute', () => {
  test.each([['<GS>'], ['^'], ['~'], ['{FNC1}']])('%s is accepted where GS is expected', (sub) => {
    const result = parsePackScan(`${sub}0100361414567894172701011012${sub}21SER1${sub}`, { now, gsSubstitute: sub });
    expect(result.ok && [result.value.lot, result.value.serial]).toEqual(['12', 'SER1']);
  });

  test('GS itself still works when a substitute is configured', () => {
    expect(parsePackScan(PACK, { now, gsSubstitute: '<GS>' }).ok).toBe(true);
  });

  test('without configuration the substitute text is plain data', () => {
    const scan = parseScan('10LOT<GS>21SER1', { now });
    expect(scan.ok && getAi(scan.value, '10')?.value).toBe('LOT<GS>21SER1');
  });

  test('a substitute inside a fixed-length field means truncation', () => {
    expect(errorsOf('172701<GS>10LOT', '<GS>')).toEqual([{ code: 'truncated', ai: '17', position: 6 }]);
  });
});

describe('positions and ranking', () => {
  test('element positions point at the AI', () => {
    const scan = parseScan(PACK, { now });
    expect(scan.ok && scan.value.elements.map((e) => [e.ai, e.position])).toEqual([
      ['01', 3],
      ['17', 19],
      ['10', 27],
      ['21', 34],
    ]);
  });

  test('every bad field is reported, left to right, before conflicts', () => {
    expect(errorsOf('(21)A(10)L#T(17)271301(21)B(01)00361414567895')).toEqual([
      { code: 'bad_character', ai: '10', position: 10 },
      { code: 'invalid_date', ai: '17', position: 16 },
      { code: 'check_digit', ai: '01', position: 44 },
      { code: 'conflicting_ai', ai: '21', position: 22 },
    ]);
  });

  test('missing AIs are all named, in the order 01, 17, 10, 21', () => {
    const scan = parseScan('(10)LOT1', { now });
    const pack = scan.ok ? requirePackIdentifiers(scan.value) : scan;
    expect(pack.ok ? [] : pack.error.map((e) => [e.code, e.ai])).toEqual([
      ['missing_ai', '01'],
      ['missing_ai', '17'],
      ['missing_ai', '21'],
    ]);
  });
});

describe('AI table beyond the pack AIs', () => {
  test.each([
    ['00 SSCC', '00106141411234567897', 'ok'],
    ['00 SSCC check digit', '00106141411234567890', 'check_digit'],
    ['414 GLN', '4140614141000012', 'ok'],
    ['30 count', '3012\u001d0100361414567894', 'ok'],
    ['7003 date and time', '70032701012359', 'ok'],
    ['7003 hour 24', '70032701012400', 'invalid_date'],
    ['7003 day 00 is not allowed', '70032701002359', 'invalid_date'],
    ['715 NHRN NDC', '7150591-0369-01', 'ok'],
    ['unassigned 3-digit AI', '2490', 'unknown_ai'],
    ['AI cut off by the end of data', '010036141456789424', 'truncated'],
    ['empty variable field', '10\u001d21SER', 'truncated'],
  ])('%s', (_name, input, expected) => {
    const errors = errorsOf(input);
    expect(errors[0]?.code ?? 'ok').toBe(expected);
  });

  test('7003 carries date and time', () => {
    const scan = parseScan('70032701012359', { now });
    expect(scan.ok && scan.value.elements[0]?.date).toBe('2027-01-01T23:59');
  });
});

describe('bracketed and Digital Link details', () => {
  test('spaces around bracketed values are ignored', () => {
    const result = parsePackScan('(01) 00361414567894 (17) 270101 (10) LOT1 (21) SER1', { now });
    expect(result.ok && result.value.lot).toBe('LOT1');
  });

  test('a parenthesis that is not an (AI) marker stays in the value', () => {
    const scan = parseScan('(10)A(B)(21)(x)', { now });
    expect(scan.ok && scan.value.elements.map((e) => e.value)).toEqual(['A(B)', '(x)']);
  });

  test('a Digital Link GTIN-13 is read as the padded GTIN-14; the fragment is ignored', () => {
    const scan = parseScan('https://example.com/01/4006381333931/21/X?17=270101#top', { now });
    expect(scan.ok && scan.value.elements.map((e) => e.value)).toEqual(['04006381333931', 'X', '270101']);
  });

  test('a URL without a primary key names the missing (01)', () => {
    expect(errorsOf('https://example.com/products/42')).toEqual([{ code: 'missing_ai', ai: '01', position: 19 }]);
  });
});

describe('"now" is an input', () => {
  test('the same scan resolves its year relative to the given date', () => {
    const input = '(01)00361414567894(17)800101(10)L(21)S';
    const in2026 = parsePackScan(input, { now });
    const in2030 = parsePackScan(input, { now: new Date('2030-01-01T00:00:00Z') });
    expect(in2026.ok && in2026.value.expiryDate).toBe('1980-01-01');
    expect(in2030.ok && in2030.value.expiryDate).toBe('2080-01-01');
  });
});

describe('a GS separator missing after the lot', () => {
  test.each([
    ['the serial ran into the lot', PACK.replace('\u001d', ''), '21', '"21SER1"'],
    ['the expiry ran into the lot', ']d2010036141456789410LOT117270101\u001d21SER1', '17', '"17270101"'],
  ])('%s: the missing AI is named with where it went', (_name, scan, ai, inside) => {
    const result = parsePackScan(scan, { now });
    expect(result.ok).toBe(false);
    const error = result.ok ? undefined : result.error.find((e) => e.ai === ai);
    expect(error?.code).toBe('missing_ai');
    expect(error?.message).toContain(`seems to hold it (${inside}): a GS separator is missing after the lot`);
  });

  test('a lot that merely contains 21 is no hint when the serial is there', () => {
    expect(parsePackScan(PACK.replace('LOT1', 'LOT21'), { now }).ok).toBe(true);
  });
});
