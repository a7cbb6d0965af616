import { describe, expect, test } from 'vitest';
import { previewResponseRules, type PackGroup, type RuleSet } from './rulesPreview.js';

const GTIN_A = '00305910000011';
const GTIN_B = '00305910000028';
const group = (over: Partial<PackGroup>): PackGroup => ({
  gtin: GTIN_A,
  status: 'commissioned',
  recalled: false,
  suspect: false,
  illegitimate: false,
  expired: false,
  packs: 1,
  ...over,
});
const set = (rules: RuleSet['rules'] = {}, overrides: [string, RuleSet['rules']][] = []): RuleSet => ({
  rules,
  overrides: new Map(overrides),
});

describe('previewResponseRules', () => {
  test.each([
    [
      'recalled packs pass under validWhenRecalled',
      group({ recalled: true }),
      { validWhenRecalled: true },
      'not verified (Manufacturer_policy; Recalled)',
      'verified (Recalled)',
    ],
    [
      'expired packs fail without validWhenExpired',
      group({ expired: true }),
      { validWhenExpired: false },
      'verified (Expired)',
      'not verified (Manufacturer_policy; Expired)',
    ],
    [
      'reasons hidden without sendFailureReason',
      group({ status: 'decommissioned' }),
      { sendFailureReason: false },
      'not verified (Not_for_re-distribution)',
      'not verified (No_reason_provided)',
    ],
    [
      'suspect status hidden',
      group({ suspect: true }),
      { sendSuspectStatus: false },
      'not verified (Manufacturer_policy; Suspect)',
      'not verified (Manufacturer_policy)',
    ],
  ] as const)('%s', (_, g, proposed, before, after) => {
    const preview = previewResponseRules([g], set(), set(proposed));
    expect(preview).toEqual({
      total: 1,
      changed: 1,
      changes: [{ gtin: g.gtin, packs: 1, state: expect.any(String), before, after }],
    });
  });

  test('rules that change nothing for these packs report no change', () => {
    const groups = [group({ packs: 100 }), group({ status: 'destroyed', packs: 3 })];
    expect(previewResponseRules(groups, set(), set({ checkExpirationDay: false, validWhenRecalled: true }))).toEqual({
      total: 103,
      changed: 0,
      changes: [],
    });
  });

  test('a GTIN override applies to its GTIN only, and the largest change comes first', () => {
    const groups = [group({ recalled: true, packs: 2 }), group({ gtin: GTIN_B, recalled: true, packs: 5 })];
    const proposed = set({}, [[GTIN_B, { validWhenRecalled: true }]]);
    const preview = previewResponseRules(groups, set(), proposed);
    expect(preview.changed).toBe(5);
    expect(preview.changes.map((c) => [c.gtin, c.state])).toEqual([[GTIN_B, 'recalled']]);
    // Back to the company's defaults: removing the override changes those packs again.
    expect(previewResponseRules(groups, proposed, set()).changed).toBe(5);
  });

  test('changes are capped but counted in full', () => {
    const groups = Array.from({ length: 30 }, (_, i) =>
      group({ gtin: `0030591000${String(i).padStart(4, '0')}`, expired: true, packs: i + 1 }),
    );
    const preview = previewResponseRules(groups, set(), set({ sendExpiredStatus: false }), 10);
    expect(preview.changes).toHaveLength(10);
    expect(preview.changes[0]!.packs).toBe(30);
    expect(preview.changed).toBe((30 * 31) / 2);
  });
});
