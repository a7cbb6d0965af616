import { describe, expect, it } from 'vitest';
import { decideSync } from './syncDecision.js';

const ctx = { companyPrefixes: ['030591'] };
const record = { gtin: '00305910369019', brandName: 'Acme', targetMarkets: ['276', '840'] };

describe('decideSync', () => {
  it('syncs a valid US product the rules select', () => {
    const decision = decideSync(record, {}, ctx);
    expect(decision.state).toBe('synced');
  });

  it.each([
    [
      'no US market',
      { ...record, targetMarkets: ['276', '124'] },
      {},
      'not_us_market',
      'no US target market (276, 124)',
    ],
    ['no market at all', { ...record, targetMarkets: [] }, {}, 'not_us_market', 'no US target market (none given)'],
    ['rules', record, { include: [{ brandName: 'Other' }] }, 'not_selected', 'no include rule matches'],
    ['invalid', { ...record, gtin: '00305910369018' }, {}, 'invalid', 'invalid: gtin: GTIN-14 check digit should be 9'],
  ])('skips for %s with the reason', (_name, input, rules, code, reason) => {
    expect(decideSync(input, rules, ctx)).toEqual({ state: 'skipped', code, reason });
  });

  it('a GTIN outside the prefixes is skipped even when stored earlier', () => {
    const decision = decideSync(record, {}, { companyPrefixes: ['0361414'] });
    expect(decision.state === 'skipped' && decision.code).toBe('invalid');
  });
});
