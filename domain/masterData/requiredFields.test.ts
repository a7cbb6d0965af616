import { describe, expect, it } from 'vitest';
import { validateUploadedProduct } from './requiredFields.js';

const ctx = { companyPrefixes: ['030591'] };
const GTIN = '00305910369019';

describe('validateUploadedProduct', () => {
  it.each([
    ['a brand name and a market', { gtin: GTIN, brandName: 'Acme', targetMarkets: ['840'] }, []],
    ['only a functional name', { gtin: GTIN, functionalName: 'Tablets', targetMarkets: ['826'] }, []],
    ['only a regulated name', { gtin: GTIN, regulatedProductName: 'Acme 500 mg', targetMarkets: ['840'] }, []],
    ['no market', { gtin: GTIN, brandName: 'Acme' }, ['targetMarkets']],
    ['an empty market list', { gtin: GTIN, brandName: 'Acme', targetMarkets: [] }, ['targetMarkets']],
    ['no name', { gtin: GTIN, targetMarkets: ['840'] }, ['brandName']],
    [
      'blank names (CSV empty cells)',
      { gtin: GTIN, brandName: ' ', functionalName: '', targetMarkets: ['840'] },
      ['brandName'],
    ],
    ['a GTIN alone (a serial row sent as master data)', { gtin: GTIN }, ['targetMarkets', 'brandName']],
  ])('%s -> %j', (_name, record, missing) => {
    const result = validateUploadedProduct(record, ctx);
    expect(result.ok ? [] : result.error.map((e) => e.path)).toEqual(missing);
  });

  it('reports a bad record as validation does, and the fields it lacks with it', () => {
    const result = validateUploadedProduct({ gtin: '00305910369018' }, ctx);
    expect(result.ok ? [] : result.error).toEqual([
      { path: 'gtin', message: 'GTIN-14 check digit should be 9' },
      { path: 'targetMarkets', message: 'at least one target market is required (840 for the United States)' },
      { path: 'brandName', message: 'a product name is required: brandName, functionalName or regulatedProductName' },
    ]);
  });
});
