import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { computeCheckDigit } from './gtin.js';
import { formatSgtinUri, parseSgtinUri } from './sgtin.js';

const SET_82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

describe('parseSgtinUri', () => {
  test('GS1 example: company prefix 0614141, indicator 1', () => {
    expect(parseSgtinUri('urn:epc:id:sgtin:0614141.112345.400')).toEqual({
      ok: true,
      value: { gtin: '10614141123459', serial: '400', companyPrefix: '0614141' },
    });
  });

  test('NDC GTIN with a 6-digit prefix and an escaped serial containing dots', () => {
    const result = parseSgtinUri('urn:epc:id:sgtin:030591.0036901.A%2FB.C%25');
    expect(result).toEqual({ ok: true, value: { gtin: '00305910369019', serial: 'A/B.C%', companyPrefix: '030591' } });
  });

  test.each([
    ['urn:epc:id:sgtn:0614141.112345.400', 'malformed'],
    ['urn:epc:id:sgtin:0614141.112345', 'malformed'],
    ['urn:epc:id:sgtin:0614141.11234.400', 'length'],
    ['urn:epc:id:sgtin:12345.12345678.400', 'length'],
    ['urn:epc:id:sgtin:061414A.112345.400', 'non_digit'],
    ['urn:epc:id:sgtin:0614141.112345.', 'malformed'],
    ['urn:epc:id:sgtin:0614141.112345.%E9', 'bad_character'],
    ['urn:epc:id:sgtin:0614141.112345.A#B', 'bad_character'],
    ['urn:epc:id:sgtin:0614141.112345.123456789012345678901', 'too_long'],
  ])('%s -> %s', (uri, code) => {
    const result = parseSgtinUri(uri);
    expect(result.ok ? null : result.error.code).toBe(code);
  });
});

describe('formatSgtinUri', () => {
  test('escapes the characters the Tag Data Standard reserves', () => {
    expect(formatSgtinUri('10614141123459', 'a/b"c%d&e<f>g?h', 7)).toBe(
      'urn:epc:id:sgtin:0614141.112345.a%2Fb%22c%25d%26e%3Cf%3Eg%3Fh',
    );
  });

  test('rejects a bad GTIN as a programming error', () => {
    expect(() => formatSgtinUri('10614141123450', '1', 7)).toThrow(RangeError);
  });

  test('round-trips any GTIN, prefix length and set-82 serial', () => {
    const gtin = fc.stringMatching(/^[0-8][0-9]{12}$/).map((data) => data + String(computeCheckDigit(data)));
    const serial = fc.string({ unit: fc.constantFrom(...SET_82), minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(gtin, serial, fc.integer({ min: 6, max: 12 }), (g, s, len) => {
        const parsed = parseSgtinUri(formatSgtinUri(g, s, len));
        expect(parsed).toEqual({ ok: true, value: { gtin: g, serial: s, companyPrefix: g.slice(1, 1 + len) } });
      }),
    );
  });
});
