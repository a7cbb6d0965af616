import { describe, expect, test } from 'vitest';
import { explainResponseRules, RESPONSE_RULE_DESCRIPTIONS } from './ruleExplanation.js';
import { DEFAULT_RESPONSE_RULES } from './rules.js';

describe('explainResponseRules', () => {
  test('every rule is listed with a description, in the defaults order', () => {
    const rules = explainResponseRules({});
    expect(rules.map((r) => r.name)).toEqual(Object.keys(DEFAULT_RESPONSE_RULES));
    expect(Object.keys(RESPONSE_RULE_DESCRIPTIONS)).toEqual(Object.keys(DEFAULT_RESPONSE_RULES));
    for (const rule of rules) {
      expect(rule).toMatchObject({ value: rule.default, source: 'default' });
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });

  test.each([
    ['the default', {}, undefined, true, 'default'],
    ['the company', { sendFailureReason: false }, undefined, false, 'company'],
    ['the override over the company', { sendFailureReason: false }, { sendFailureReason: true }, true, 'gtin'],
    [
      'the company where the override is silent',
      { sendFailureReason: false },
      { validWhenRecalled: true },
      false,
      'company',
    ],
  ] as const)('sendFailureReason from %s', (_, company, override, value, source) => {
    const rule = explainResponseRules(company, override).find((r) => r.name === 'sendFailureReason');
    expect(rule).toMatchObject({ value, source, default: true });
  });
});
