import { describe, expect, test } from 'vitest';
import type { MasterDataRules } from './rules.js';
import { emptyPreview, previewBatch } from './rulesPreview.js';

const products = [
  { gtin: '00312345000004', brandName: 'Amoxil', targetMarkets: ['840'] },
  { gtin: '00312345000011', brandName: 'Zocor', targetMarkets: ['840'] },
  { gtin: '00399999000005', brandName: 'Amoxil', targetMarkets: ['826'] },
];

describe('previewBatch', () => {
  test.each<[string, MasterDataRules, { selected: number; excluded: number; reasons: string[] }]>([
    ['no rules select everything', {}, { selected: 3, excluded: 0, reasons: [] }],
    [
      'an include by prefix',
      { include: [{ gtinPrefix: '003123' }] },
      { selected: 2, excluded: 1, reasons: ['no include rule matches'] },
    ],
    [
      'an exclude by brand',
      { exclude: [{ brandName: 'amoxil' }] },
      {
        selected: 1,
        excluded: 2,
        reasons: ['excluded by rule brandName="amoxil"', 'excluded by rule brandName="amoxil"'],
      },
    ],
    [
      'include market, exclude brand',
      { include: [{ targetMarket: '840' }], exclude: [{ brandName: 'Zocor' }] },
      { selected: 1, excluded: 2, reasons: ['excluded by rule brandName="Zocor"', 'no include rule matches'] },
    ],
  ])('%s', (_name, rules, expected) => {
    // Two batches add up like one.
    const preview = previewBatch(previewBatch(emptyPreview(), products.slice(0, 1), rules), products.slice(1), rules);
    expect(preview).toEqual({
      total: 3,
      selected: expected.selected,
      excluded: expected.excluded,
      examples: expect.any(Array),
    });
    expect(preview.examples.map((e) => e.reason)).toEqual(expected.reasons);
  });
});
