import { describe, expect, it } from 'vitest';
import { gtinWithinPrefixes, outsidePrefixesMessage, prefixOfGtin, prefixesOverlap } from './companyPrefix.js';

describe('GTIN -> company prefix', () => {
  it.each([
    ['NDC GTIN under its labeler prefix', '00305910369019', ['030591'], '030591'],
    ['any indicator digit', '50305910369014', ['030591'], '030591'],
    ['the indicator is not part of the prefix', '00305910369019', ['003059'], undefined],
    ['another prefix', '00361414567894', ['030591', '0312345'], undefined],
    ['the longest of nested prefixes', '00312345678906', ['0312345', '03123456'], '03123456'],
    ['a 12-digit prefix takes the whole item reference', '00312345678906', ['031234567890'], '031234567890'],
    ['no prefixes: nothing matches', '00305910369019', [], undefined],
    ['an empty prefix never matches', '00305910369019', [''], undefined],
  ])('%s', (_name, gtin, prefixes, expected) => {
    expect(prefixOfGtin(gtin, prefixes)).toBe(expected);
    expect(gtinWithinPrefixes(gtin, prefixes)).toBe(expected !== undefined);
  });
});

describe('overlapping prefixes', () => {
  it.each([
    ['equal', '0312345', '0312345', true],
    ['one extends the other', '0312345', '03123456', true],
    ['either order', '03123456', '0312345', true],
    ['siblings', '03123456', '03123457', false],
    ['leading zeros count', '0312345', '312345', false],
  ])('%s: %s and %s', (_name, a, b, expected) => {
    expect(prefixesOverlap(a, b)).toBe(expected);
  });
});

describe('outside-prefix message', () => {
  it.each([
    [['030591', '0312345'], "GTIN 00361414567894 is outside the producer's company prefixes (030591, 0312345)"],
    [[], "GTIN 00361414567894 is outside the producer's company prefixes (none registered)"],
  ])('names the GTIN and %j', (prefixes, message) => {
    expect(outsidePrefixesMessage('00361414567894', prefixes)).toBe(message);
  });
});
