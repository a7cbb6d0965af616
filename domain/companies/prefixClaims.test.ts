import { describe, expect, it } from 'vitest';
import { claimsAgainst, overlappingClaims, type PrefixClaim } from './prefixClaims.js';

const claim = (companyId: string, prefix: string): PrefixClaim => ({ companyId, prefix });

describe('claimsAgainst: what a company may not claim', () => {
  const held = [claim('A', '0312345'), claim('B', '0614141')];
  it.each([
    ['a free prefix', ['0361414'], 'C', []],
    ['the same prefix as another company', ['0312345'], 'C', [{ index: 0, prefix: '0312345', held: held[0] }]],
    [
      "a longer prefix inside another company's",
      ['0361414', '03123456'],
      'C',
      [{ index: 1, prefix: '03123456', held: held[0] }],
    ],
    ["a shorter prefix around another company's", ['061414'], 'C', [{ index: 0, prefix: '061414', held: held[1] }]],
    ['its own prefixes again', ['0312345', '03123456'], 'A', []],
    ['a new company (no id yet)', ['0614141'], undefined, [{ index: 0, prefix: '0614141', held: held[1] }]],
  ])('%s', (_name, prefixes, companyId, expected) => {
    expect(claimsAgainst(prefixes, companyId, held)).toEqual(expected);
  });
});

describe('overlappingClaims: conflicts among companies', () => {
  it.each([
    ['none when prefixes are apart', [claim('A', '0312345'), claim('B', '0312346')], []],
    ["a company's own nested prefixes are no conflict", [claim('A', '0312345'), claim('A', '03123456')], []],
    ['equal prefixes', [claim('B', '0312345'), claim('A', '0312345')], ['0312345.A.0312345.B']],
    ['nested prefixes of two companies', [claim('A', '03123456'), claim('B', '0312345')], ['0312345.B.03123456.A']],
    [
      'a repeated claim is one',
      [claim('A', '0312345'), claim('A', '0312345'), claim('B', '0312345')],
      ['0312345.A.0312345.B'],
    ],
    [
      'three companies on one range: every pair',
      [claim('C', '03123456'), claim('A', '031234'), claim('B', '0312345')],
      ['031234.A.0312345.B', '031234.A.03123456.C', '0312345.B.03123456.C'],
    ],
  ])('%s', (_name, claims, keys) => {
    const overlaps = overlappingClaims(claims);
    expect(overlaps.map((o) => o.key)).toEqual(keys);
    for (const o of overlaps) expect(o.claims[0].companyId).not.toBe(o.claims[1].companyId);
  });
});
