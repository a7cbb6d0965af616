import { describe, expect, test } from 'vitest';
import { DEFAULT_RESPONSE_RULES, resolveResponseRules, type ResponseRules } from './rules.js';

const D = DEFAULT_RESPONSE_RULES;

describe('resolveResponseRules', () => {
  test.each<{ name: string; producer?: Partial<ResponseRules>; gtin?: Partial<ResponseRules>; want: ResponseRules }>([
    { name: 'nothing set: the defaults', want: D },
    { name: 'empty objects: the defaults', producer: {}, gtin: {}, want: D },
    { name: 'producer only', producer: { sendFailureReason: false }, want: { ...D, sendFailureReason: false } },
    { name: 'GTIN override only', gtin: { validWhenRecalled: true }, want: { ...D, validWhenRecalled: true } },
    {
      name: 'override wins per key, producer keeps the rest',
      producer: { sendFailureReason: false, checkExpirationDay: false },
      gtin: { checkExpirationDay: true, sendSuspectStatus: false },
      want: { ...D, sendFailureReason: false, checkExpirationDay: true, sendSuspectStatus: false },
    },
    {
      name: 'an undefined key in the override keeps the producer value',
      producer: { validWhenExpired: false },
      gtin: { validWhenExpired: undefined },
      want: { ...D, validWhenExpired: false },
    },
    {
      name: 'null from stored JSON keeps the default',
      producer: { sendExpiredStatus: null } as unknown as Partial<ResponseRules>,
      want: D,
    },
    {
      name: 'every switch flipped',
      producer: Object.fromEntries(Object.entries(D).map(([k, v]) => [k, !v])),
      want: Object.fromEntries(Object.entries(D).map(([k, v]) => [k, !v])) as unknown as ResponseRules,
    },
  ])('$name', ({ producer, gtin, want }) => {
    expect(resolveResponseRules(producer, gtin)).toStrictEqual(want);
  });

  test('ignores keys that are not rules', () => {
    const stray = { sendFailureReason: false, colour: 'red' } as Partial<ResponseRules>;
    expect(Object.keys(resolveResponseRules(stray)).sort()).toEqual(Object.keys(D).sort());
  });

  test('never mutates the defaults, which are shared', () => {
    expect(Object.isFrozen(D)).toBe(true);
    const merged = resolveResponseRules({ validWhenRecalled: true });
    expect(merged).not.toBe(D);
    expect(D.validWhenRecalled).toBe(false);
  });

  test('the defaults are those of domain.md', () => {
    expect(D).toStrictEqual({
      sendFailureReason: true,
      sendExpiredStatus: true,
      validWhenExpired: true,
      sendRecalledStatus: true,
      validWhenRecalled: false,
      sendSuspectStatus: true,
      checkExpirationDay: true,
    });
  });
});
