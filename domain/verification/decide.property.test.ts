import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SERIAL_STATUSES, type SerialState } from '../serials/state.js';
import { decideVerification, type VerificationInput } from './decide.js';
import { DEFAULT_RESPONSE_RULES, type ResponseRules } from './rules.js';
import { ADDITIONAL_INFO } from './types.js';

// Few lots and dates, so matches, near misses (same month) and mismatches all come up often.
const lot = fc.constantFrom('LOT-A1', 'LOT-A2', 'lot-a1');
const date = fc.constantFrom(
  '2024-06-30',
  '2025-12-31',
  '2025-12-01',
  '2026-03-01',
  '2026-03-02',
  '2026-03-31',
  '2028-01-31',
);

const serial: fc.Arbitrary<SerialState> = fc
  .record({
    lot,
    expiryDate: date,
    extendedExpiryDate: fc.option(date, { nil: null }),
    status: fc.constantFrom(...SERIAL_STATUSES),
    flags: fc.record({
      recalled: fc.boolean(),
      suspect: fc.boolean(),
      illegitimate: fc.boolean(),
      expirationExtended: fc.boolean(),
    }),
  })
  .map((s) => ({
    ...s,
    gtin: '00305910369019',
    serial: 'SN1001',
    expiry: s.expiryDate.slice(2).replaceAll('-', ''),
    extendedExpiry: s.extendedExpiryDate?.slice(2).replaceAll('-', '') ?? null,
    reasonCode: null,
    eventTime: '2026-01-01T00:00:00.000Z',
    eventId: 'e1',
  }));

const rules = fc.record(
  Object.fromEntries(Object.keys(DEFAULT_RESPONSE_RULES).map((key) => [key, fc.boolean()])) as Record<
    keyof ResponseRules,
    fc.Arbitrary<boolean>
  >,
);

const input: fc.Arbitrary<VerificationInput> = fc.record({
  serial: fc.option(serial, { nil: undefined, freq: 8 }),
  request: fc
    .record({ lot, expiryDate: date })
    .map((r) => ({ ...r, expiry: r.expiryDate.slice(2).replaceAll('-', '') })),
  now: fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2029-01-01T00:00:00Z'), noInvalidDate: true }),
  timeZone: fc.constantFrom('America/New_York', 'America/Los_Angeles', 'Pacific/Guam'),
  rules,
});

/** An oracle for "some identifier does not match", written apart from the code under test. */
function identifiersDiffer({ serial: s, request: r, rules: { checkExpirationDay } }: VerificationInput): boolean {
  if (s === undefined) return true;
  const cut = (d: string) => (checkExpirationDay ? d : d.slice(0, 7));
  const accepted = [
    s.expiryDate,
    ...(s.flags.expirationExtended && s.extendedExpiryDate ? [s.extendedExpiryDate] : []),
  ];
  return r.lot !== s.lot || !accepted.map(cut).includes(cut(r.expiryDate));
}

describe('decideVerification properties', () => {
  test('sendFailureReason=false never leaks a specific reason, and changes nothing else', () => {
    fc.assert(
      fc.property(input, (i) => {
        const hidden = decideVerification({ ...i, rules: { ...i.rules, sendFailureReason: false } });
        const shown = decideVerification({ ...i, rules: { ...i.rules, sendFailureReason: true } });
        expect(hidden.verificationFailureReason ?? 'No_reason_provided').toBe('No_reason_provided');
        expect(hidden.verified).toBe(shown.verified);
        expect(hidden.additionalInfo).toEqual(shown.additionalInfo);
      }),
      { numRuns: 2000 },
    );
  });

  test('a failure reason is there exactly when verification fails', () => {
    fc.assert(
      fc.property(input, (i) => {
        const data = decideVerification(i);
        expect(data.verificationFailureReason === undefined).toBe(data.verified);
      }),
    );
  });

  test('additionalInfo is non-empty, unique and in canonical order when present', () => {
    fc.assert(
      fc.property(input, (i) => {
        const info = decideVerification(i).additionalInfo;
        if (info === undefined) return;
        const positions = info.map((code) => ADDITIONAL_INFO.indexOf(code));
        expect(positions.length).toBeGreaterThan(0);
        expect(positions).toStrictEqual([...new Set(positions)].sort((a, b) => a - b));
      }),
      { numRuns: 2000 },
    );
  });

  test('an identifier mismatch fails and reveals no status', () => {
    fc.assert(
      fc.property(input, (i) => {
        const data = decideVerification(i);
        if (identifiersDiffer(i)) {
          expect(data.verified).toBe(false);
          expect(data.additionalInfo).toBeUndefined();
          expect(data.verificationFailureReason).toMatch(
            i.rules.sendFailureReason ? /^No_match_/ : /^No_reason_provided$/,
          );
        } else {
          expect(data.verificationFailureReason ?? '').not.toMatch(/^No_match_/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
