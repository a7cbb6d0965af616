import { describe, expect, it } from 'vitest';
import { selectSerial, serialRulesSchema, type SerialRules } from './rules.js';

const serial = { gtin: '00305910369019', lot: 'L1', status: 'commissioned' as const };

describe('selectSerial', () => {
  const cases: [string, SerialRules, boolean, string?][] = [
    ['disabled selects nothing', { enabled: false, include: [] }, false, 'serial sync is disabled'],
    ['enabled with empty include selects all', { enabled: true, include: [] }, true],
    ['enabled without include selects all', { enabled: true }, true],
    ['gtin match', { enabled: true, include: [{ gtin: '00305910369019' }] }, true],
    ['gtin mismatch', { enabled: true, include: [{ gtin: '00305910369026' }] }, false, 'no include rule matches'],
    ['lot and status ANDed', { enabled: true, include: [{ lot: 'L1', status: 'destroyed' }] }, false],
    ['clauses ORed', { enabled: true, include: [{ lot: 'L9' }, { status: 'commissioned' }] }, true],
  ];
  it.each(cases)('%s', (_name, rules, selected, reason) => {
    const result = selectSerial(serial, rules);
    expect(result.selected).toBe(selected);
    if (reason !== undefined && !result.selected) expect(result.reason).toBe(reason);
  });
});

describe('serialRulesSchema', () => {
  it('needs enabled and checks statuses', () => {
    expect(serialRulesSchema.parse({ enabled: true })).toEqual({ enabled: true, include: [] });
    expect(serialRulesSchema.safeParse({ include: [] }).success).toBe(false);
    expect(serialRulesSchema.safeParse({ enabled: true, include: [{ status: 'lost' }] }).success).toBe(false);
  });
});
