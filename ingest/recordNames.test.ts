import { describe, expect, it } from 'vitest';
import { thrownBy } from '../test/helpers/asyncRows.js';
import { WrongDocumentError } from './documentKind.js';
import {
  PRODUCT_CSV,
  PRODUCT_DOWNLOAD_COLUMNS,
  PRODUCT_JSON,
  SERIAL_CSV,
  SERIAL_CSV_COLUMNS,
  SERIAL_JSON,
} from './recordFormats.js';
import { checkJsonRecordNames, checkRecordNames, didYouMean, UnknownNamesError } from './recordNames.js';

describe('checkRecordNames', () => {
  it.each([
    ['a product header', ['gtin', 'brandName', 'targetMarkets'], PRODUCT_CSV],
    [
      'a product download, served-from columns included',
      ['gtin', 'brandName', ...PRODUCT_DOWNLOAD_COLUMNS],
      PRODUCT_CSV,
    ],
    ['a header of gtin alone', ['gtin'], PRODUCT_CSV],
    ['the whole serial header', [...SERIAL_CSV_COLUMNS], SERIAL_CSV],
    [
      'a JSON product with a net content',
      ['gtin', 'brandName', 'netContent', 'netContent.value', 'netContent.unit'],
      PRODUCT_JSON,
    ],
  ])('accepts %s', (_name, names, format) => {
    expect(thrownBy(() => checkRecordNames(names, format))).toBeUndefined();
  });

  it('names every unknown column, with the expected names and a guess at the meant one', () => {
    const error = thrownBy(() =>
      checkRecordNames(['gtin', 'netContent', 'targetMarket', 'colour', 'brandname'], PRODUCT_CSV),
    );
    expect(error).toBeInstanceOf(UnknownNamesError);
    const unknown = error as UnknownNamesError;
    expect(unknown.unknown).toEqual([
      { name: 'netContent', didYouMean: ['netContentValue', 'netContentUnit'] },
      { name: 'targetMarket', didYouMean: ['targetMarkets'] },
      { name: 'colour', didYouMean: [] },
      { name: 'brandname', didYouMean: ['brandName'] },
    ]);
    expect(unknown.expected).toContain('netContentValue');
    expect(unknown.message).toMatch(
      /^unknown columns "netContent", "targetMarket", "colour", "brandname"; the columns are gtin, ndc, /,
    );
  });

  it.each([
    ['a serial CSV sent as master data', SERIAL_CSV_COLUMNS, PRODUCT_CSV, 'a serial-event CSV', 'serials'],
    [
      'a short serial CSV sent as master data',
      ['gtin', 'serial', 'lot', 'expiry', 'status', 'eventTime'],
      PRODUCT_CSV,
      'a serial-event CSV',
      'serials',
    ],
    [
      'a product CSV sent as serials',
      ['gtin', 'brandName', 'netContentValue', 'netContentUnit', 'targetMarkets'],
      SERIAL_CSV,
      'a product master-data CSV',
      'master-data',
    ],
    [
      'a serial JSON record sent as master data',
      ['gtin', 'serial', 'lot', 'status'],
      PRODUCT_JSON,
      'a JSON array of serial events',
      'serials',
    ],
    [
      'a product JSON record sent as serials',
      ['gtin', 'brandName', 'netContent'],
      SERIAL_JSON,
      'a JSON array of product records',
      'master-data',
    ],
  ])('calls %s a document of the other kind', (_name, names, format, looksLike, target) => {
    const error = thrownBy(() => checkRecordNames([...names], format));
    expect(error).toBeInstanceOf(WrongDocumentError);
    expect(error).toMatchObject({ looksLike, sendTo: { target } });
  });

  it('a product header with one stray serial column is a product CSV with an unknown column', () => {
    const error = thrownBy(() => checkRecordNames(['gtin', 'brandName', 'lot'], PRODUCT_CSV));
    expect(error).toBeInstanceOf(UnknownNamesError);
    expect((error as UnknownNamesError).unknown.map((u) => u.name)).toEqual(['lot']);
  });

  it('JSON records: names inside netContent are checked; elements that are not objects are left to validation', () => {
    const error = thrownBy(() =>
      checkJsonRecordNames({ gtin: '1', brandName: 'A', netContent: { amount: 1, unit: 'EA' } }, PRODUCT_JSON, 4),
    );
    expect(error).toMatchObject({ unknown: [{ name: 'netContent.amount' }], row: 4 });
    expect(thrownBy(() => checkJsonRecordNames('not an object', PRODUCT_JSON, 1))).toBeUndefined();
    expect(thrownBy(() => checkJsonRecordNames([1, 2], PRODUCT_JSON, 1))).toBeUndefined();
  });
});

describe('didYouMean', () => {
  it.each([
    ['targetMarket', ['targetMarkets']],
    ['netContent', ['netContentValue', 'netContentUnit']],
    ['BRANDNAME', ['brandName']],
    ['strenght', ['strength']],
    ['colour', []],
    ['x', []],
  ])('%s -> %j', (name, expected) => {
    expect(didYouMean(name, PRODUCT_CSV.read)).toEqual(expected);
  });
});

describe('names that are not meant as names', () => {
  it('a JSON key named like an Object.prototype member is an unknown field like any other', () => {
    expect(
      thrownBy(() => checkJsonRecordNames({ gtin: '1', brandName: 'A', constructor: { x: 1 } }, PRODUCT_JSON, 1)),
    ).toMatchObject({ unknown: [{ name: 'constructor' }] });
  });

  it('a very long unknown name gets no guess', () => {
    expect(didYouMean(`brandName${'x'.repeat(10_000)}`, PRODUCT_CSV.read)).toEqual(['brandName']);
    expect(didYouMean('y'.repeat(10_000), PRODUCT_CSV.read)).toEqual([]);
  });
});
