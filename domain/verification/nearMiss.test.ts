import { describe, expect, test } from 'vitest';
import {
  classifyNearMiss,
  gtinPaddingVariants,
  serialVariants,
  type NearCandidate,
  type NearMissKind,
  type RequestedIdentifiers,
} from './nearMiss.js';

const GTIN = '00312345678906'; // the GTIN-12 312345678906, padded right
const SHIFTED = '03123456789064'; // the same twelve digits taken as data digits, new check digit
const OTHER_GTIN = '00361414567894';
const pack = { serial: 'SN00123', lot: 'AB12C', expiry: '280331', expiryDate: '2028-03-31' };
const request: RequestedIdentifiers = { gtin: GTIN, serial: 'SN00123', lot: 'AB12C', expiry: '280331' };

const cases: [string, Partial<RequestedIdentifiers>, NearCandidate, NearMissKind | undefined][] = [
  ['exact match is no near miss', {}, { gtin: GTIN, pack }, undefined],
  ['lot in lower case', { lot: 'ab12c' }, { gtin: GTIN, pack }, 'lot_format'],
  ['lot with a space', { lot: 'AB 12C' }, { gtin: GTIN, pack }, 'lot_format'],
  ['lot with a leading zero', { lot: '0AB12C' }, { gtin: GTIN, pack }, 'lot_format'],
  ['lot really different', { lot: 'AB12D' }, { gtin: GTIN, pack }, undefined],
  [
    'expiry day 00 for a mid-month date',
    { expiry: '280300' },
    { gtin: GTIN, pack: { ...pack, expiry: '280315', expiryDate: '2028-03-15' } },
    'expiry_day',
  ],
  [
    'expiry last day for a day-00 record',
    { expiry: '280331' },
    { gtin: GTIN, pack: { ...pack, expiry: '280300', expiryDate: '2028-03-31' } },
    undefined,
  ],
  [
    'expiry last day against a mid-month date',
    { expiry: '280331' },
    { gtin: GTIN, pack: { ...pack, expiry: '280310', expiryDate: '2028-03-10' } },
    'expiry_day',
  ],
  ['expiry in another month', { expiry: '280430' }, { gtin: GTIN, pack }, undefined],
  [
    'expiry two days apart, neither month-only',
    { expiry: '280312' },
    { gtin: GTIN, pack: { ...pack, expiry: '280310', expiryDate: '2028-03-10' } },
    undefined,
  ],
  ['expiry YYYYMMDD cut to six digits', { expiry: '202803' }, { gtin: GTIN, pack }, 'expiry_century'],
  ['lot and expiry both slipped: lot first', { lot: 'ab12c', expiry: '202803' }, { gtin: GTIN, pack }, 'lot_format'],
  ['lot slipped, expiry far', { lot: 'ab12c', expiry: '290101' }, { gtin: GTIN, pack }, undefined],
  ['serial in lower case', { serial: 'sn00123' }, { gtin: GTIN, pack }, 'serial_format'],
  [
    'serial without its leading zeros',
    { serial: 'SN123' },
    { gtin: GTIN, pack: { ...pack, serial: '000SN123' } },
    'serial_format',
  ],
  [
    'serial variant of another pack with another lot',
    { serial: 'sn00123' },
    { gtin: GTIN, pack: { ...pack, lot: 'ZZ' } },
    undefined,
  ],
  ['GTIN-12 given new check digit', { gtin: SHIFTED }, { gtin: GTIN }, 'gtin_padding'],
  ['GTIN padded right asked for the shifted one', {}, { gtin: SHIFTED }, 'gtin_padding'],
  ['serial under another GTIN', { gtin: OTHER_GTIN }, { gtin: GTIN, pack }, 'serial_other_gtin'],
  ['another GTIN, another serial', { gtin: OTHER_GTIN, serial: 'X1' }, { gtin: GTIN, pack }, undefined],
  ['same GTIN, product only', {}, { gtin: GTIN }, undefined],
];

describe('classifyNearMiss', () => {
  test.each(cases)('%s', (_name, change, candidate, kind) => {
    expect(classifyNearMiss({ ...request, ...change }, candidate, 2026)).toBe(kind);
  });
});

describe('look-up variants', () => {
  test.each([
    [GTIN, [SHIFTED]],
    [SHIFTED, [GTIN, '31234567890648']],
    ['04012345678901', ['40123456789010']],
    ['00000000000017', []],
  ])('gtinPaddingVariants(%s)', (gtin, variants) => {
    expect(gtinPaddingVariants(gtin)).toEqual(variants);
  });

  test('serialVariants: case and leading zeros, within 20 characters, not the serial itself', () => {
    const variants = serialVariants('sn0012');
    expect(variants).toContain('SN0012');
    expect(variants).toContain('00SN0012');
    expect(variants).not.toContain('sn0012');
    expect(serialVariants('007')).toContain('7');
    expect(Math.max(...serialVariants('A').map((v) => v.length))).toBe(20);
  });
});
