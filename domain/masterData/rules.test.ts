import { describe, expect, it } from 'vitest';
import { masterDataRulesSchema, selectProduct, type MasterDataRules } from './rules.js';
import { isUsTargetMarket, selectUsMarkets } from './targetMarkets.js';

const product = { gtin: '00305910369019', brandName: 'Acme Tabs', targetMarkets: ['840', '630'] };

describe('selectProduct', () => {
  const cases: [string, MasterDataRules, boolean, string?][] = [
    ['empty rules select everything', {}, true],
    ['empty include selects everything', { include: [] }, true],
    ['empty clause matches everything', { include: [{}] }, true],
    ['gtin prefix on the 14 digits', { include: [{ gtinPrefix: '003059' }] }, true],
    ['other gtin prefix', { include: [{ gtinPrefix: '0036' }] }, false, 'no include rule matches'],
    ['brand name ignores case and spaces', { include: [{ brandName: ' acme TABS ' }] }, true],
    ['target market among several', { include: [{ targetMarket: '630' }] }, true],
    ['clause fields are ANDed', { include: [{ gtinPrefix: '003059', targetMarket: '316' }] }, false],
    ['include clauses are ORed', { include: [{ targetMarket: '316' }, { brandName: 'Acme Tabs' }] }, true],
    [
      'exclude wins over include',
      { include: [{}], exclude: [{ targetMarket: '840' }] },
      false,
      'excluded by rule targetMarket="840"',
    ],
    ['exclude alone', { exclude: [{ gtinPrefix: '1' }] }, true],
  ];
  it.each(cases)('%s', (_name, rules, selected, reason) => {
    const result = selectProduct(product, rules);
    expect(result.selected).toBe(selected);
    if (reason !== undefined && !result.selected) expect(result.reason).toBe(reason);
  });

  it('a product without brand name never matches a brand clause', () => {
    expect(selectProduct({ ...product, brandName: null }, { include: [{ brandName: 'Acme Tabs' }] }).selected).toBe(
      false,
    );
  });
});

describe('masterDataRulesSchema', () => {
  it('reads {} as empty include and exclude', () => {
    expect(masterDataRulesSchema.parse({})).toEqual({ include: [], exclude: [] });
  });
  it('rejects unknown keys and bad codes', () => {
    expect(masterDataRulesSchema.safeParse({ include: [{ gtin: '1' }] }).success).toBe(false);
    expect(masterDataRulesSchema.safeParse({ include: [{ targetMarket: 'US' }] }).success).toBe(false);
  });
});

describe('target markets', () => {
  it.each(['840', '016', '316', '580', '630', '581', '850'])('%s is a US market', (code) => {
    expect(isUsTargetMarket(code)).toBe(true);
  });
  it.each(['124', '484', '16', 'US', ''])('%s is not', (code) => {
    expect(isUsTargetMarket(code)).toBe(false);
  });
  it('selectUsMarkets keeps order and drops repeats', () => {
    expect(selectUsMarkets(['276', '630', '840', '630'])).toEqual(['630', '840']);
  });
});
