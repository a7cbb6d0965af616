import { describe, expect, test } from 'vitest';
import type { SerialState } from '../serials/state.js';
import { decideVerification } from './decide.js';
import { resolveResponseRules, type ResponseRules } from './rules.js';
import type { VerificationData } from './types.js';

// Corners the shared vectors do not reach. The request instant is 2026-03-02 in New York.
const NOW = new Date('2026-03-02T14:07:31.482-05:00');

const base: SerialState = {
  gtin: '00305910369019',
  serial: 'SN1001',
  lot: 'LOT-A1',
  expiry: '280131',
  expiryDate: '2028-01-31',
  extendedExpiry: null,
  extendedExpiryDate: null,
  status: 'commissioned',
  flags: { recalled: false, suspect: false, illegitimate: false, expirationExtended: false },
  reasonCode: null,
  eventTime: '2026-01-01T00:00:00.000Z',
  eventId: 'e1',
};
const extended: Partial<SerialState> = {
  expiry: '250630',
  expiryDate: '2025-06-30',
  extendedExpiry: '270630',
  extendedExpiryDate: '2027-06-30',
};
const flags = (set: Partial<SerialState['flags']>): SerialState['flags'] => ({ ...base.flags, ...set });

function decide(
  serial: Partial<SerialState>,
  expiryDate: string,
  rules: Partial<ResponseRules> = {},
): VerificationData {
  const request = { lot: 'LOT-A1', expiry: expiryDate.slice(2).replaceAll('-', ''), expiryDate };
  return decideVerification({
    serial: { ...base, ...serial },
    request,
    now: NOW,
    timeZone: 'America/New_York',
    rules: resolveResponseRules(rules),
  });
}

describe('decideVerification beyond the vectors', () => {
  test.each<{
    name: string;
    serial: Partial<SerialState>;
    exp: string;
    rules?: Partial<ResponseRules>;
    want: VerificationData;
  }>([
    {
      name: 'checkExpirationDay=false: the extended month matches, and is not the original',
      serial: { ...extended, flags: flags({ expirationExtended: true }) },
      exp: '2027-06-15',
      rules: { checkExpirationDay: false },
      want: { verified: true },
    },
    {
      name: 'checkExpirationDay=false: the printed month is the original',
      serial: { ...extended, flags: flags({ expirationExtended: true }) },
      exp: '2025-06-01',
      rules: { checkExpirationDay: false },
      want: { verified: true, additionalInfo: ['ExpirationExtended'] },
    },
    {
      name: 'checkExpirationDay=false still judges expiry by the recorded day',
      serial: { expiry: '260301', expiryDate: '2026-03-01' },
      exp: '2026-03-31',
      rules: { checkExpirationDay: false },
      want: { verified: true, additionalInfo: ['Expired'] },
    },
    {
      name: 'an extension flag without a date is judged on the printed date',
      serial: { expiry: '250630', expiryDate: '2025-06-30', flags: flags({ expirationExtended: true }) },
      exp: '2025-06-30',
      want: { verified: true, additionalInfo: ['Expired'] },
    },
    {
      name: 'an extended date without the flag is ignored',
      serial: extended,
      exp: '2027-06-30',
      want: { verified: false, verificationFailureReason: 'No_match_GTIN_Serial_Expiry' },
    },
    {
      name: 'every code at once, in canonical order, under the status rule',
      serial: {
        expiry: '240630',
        expiryDate: '2024-06-30',
        extendedExpiry: '251231',
        extendedExpiryDate: '2025-12-31',
        status: 'decommissioned',
        flags: { recalled: true, suspect: true, illegitimate: true, expirationExtended: true },
      },
      exp: '2024-06-30',
      want: {
        verified: false,
        verificationFailureReason: 'Not_for_re-distribution',
        additionalInfo: ['Recalled', 'Suspect', 'Expired', 'ExpirationExtended', 'Illegitimate'],
      },
    },
    {
      name: 'validWhenRecalled does not excuse validWhenExpired=false',
      serial: { expiry: '250930', expiryDate: '2025-09-30', flags: flags({ recalled: true }) },
      exp: '2025-09-30',
      rules: { validWhenRecalled: true, validWhenExpired: false },
      want: {
        verified: false,
        verificationFailureReason: 'Manufacturer_policy',
        additionalInfo: ['Recalled', 'Expired'],
      },
    },
  ])('$name', ({ serial, exp, rules, want }) => {
    expect(decide(serial, exp, rules)).toStrictEqual(want);
  });

  test('the raw YYMMDD does not matter, only the resolved date', () => {
    const run = (expiry: string) =>
      decideVerification({
        serial: base,
        request: { lot: 'LOT-A1', expiry, expiryDate: '2028-01-31' },
        now: NOW,
        timeZone: 'America/New_York',
        rules: resolveResponseRules(),
      });
    expect(run('280100')).toStrictEqual(run('280131'));
  });

  test('answers are shared and frozen, so no request can alter another', () => {
    expect(decide({}, '2029-01-31')).toBe(decide({}, '2029-01-31'));
    const recalled = decide({ flags: flags({ recalled: true }) }, '2028-01-31');
    expect(recalled.additionalInfo).toBe(decide({ flags: flags({ recalled: true }) }, '2028-01-31').additionalInfo);
    expect(Object.isFrozen(recalled.additionalInfo)).toBe(true);
    expect(Object.isFrozen(decide({}, '2028-01-31'))).toBe(true);
  });
});
