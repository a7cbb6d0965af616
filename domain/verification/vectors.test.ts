import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseGs1Date } from '../gs1/date.js';
import type { SerialState, SerialStatus } from '../serials/state.js';
import { chooseAnswerer } from './answerer.js';
import { decideVerification } from './decide.js';
import { DEFAULT_RESPONSE_RULES, resolveResponseRules, type ResponseRules } from './rules.js';
import type { VerificationData } from './types.js';

// The shared vectors are the truth where the spec page is shorter. They are read at test time,
// so a case added to the file runs here without any change to this test.
interface VectorSerial {
  gtin: string;
  serial: string;
  lot: string;
  expiry: string;
  expiryDate: string;
  status: SerialStatus;
  recalled: boolean;
  suspect: boolean;
  illegitimate: boolean;
  expirationExtended: boolean;
  extendedExpiry?: string;
  extendedExpiryDate?: string;
}
interface Expected {
  httpStatus: number;
  data?: VerificationData;
  problemField?: string;
}
interface Scenario {
  id: string;
  state: { productSynced: boolean; producerTimeZone: string; serials: VectorSerial[] };
  requestTime: string;
  request: { gtin: string; serial: string; lot: string; exp: string };
  expected: Expected;
  alternatives: { policy: Partial<ResponseRules>; expected: Expected; change: string }[];
}

const vectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/verification-scenarios.json', import.meta.url), 'utf8'),
) as { defaultPolicy: ResponseRules; cases: Scenario[] };

const answered = vectors.cases.filter((c) => c.expected.httpStatus === 200);
const notFound = vectors.cases.filter((c) => c.expected.httpStatus === 404);
const malformed = vectors.cases.filter((c) => c.expected.httpStatus === 400);
const alternatives = answered.flatMap((c) => c.alternatives.map((alt) => ({ ...alt, id: c.id, scenario: c })));

/** The read-table row the repository would return for the request's (GTIN, serial). */
function lookUp(c: Scenario): SerialState | undefined {
  const v = c.state.serials.find((s) => s.gtin === c.request.gtin && s.serial === c.request.serial);
  if (v === undefined) return undefined;
  const { recalled, suspect, illegitimate, expirationExtended } = v;
  return {
    gtin: v.gtin,
    serial: v.serial,
    lot: v.lot,
    expiry: v.expiry,
    expiryDate: v.expiryDate,
    extendedExpiry: v.extendedExpiry ?? null,
    extendedExpiryDate: v.extendedExpiryDate ?? null,
    status: v.status,
    flags: { recalled, suspect, illegitimate, expirationExtended },
    reasonCode: null,
    eventTime: '2020-01-01T00:00:00.000Z',
    eventId: `vector-${c.id}`,
  };
}

function decide(c: Scenario, rules: ResponseRules): VerificationData {
  const now = new Date(c.requestTime);
  const exp = parseGs1Date(c.request.exp, now);
  if (!exp.ok) throw new Error(`${c.id}: exp ${c.request.exp} does not parse: ${exp.error.message}`);
  const request = { lot: c.request.lot, expiry: exp.value.yymmdd, expiryDate: exp.value.iso };
  return decideVerification({ serial: lookUp(c), request, now, timeZone: c.state.producerTimeZone, rules });
}

describe('verification-scenarios.json', () => {
  test('its default policy is ours', () => {
    expect(DEFAULT_RESPONSE_RULES).toStrictEqual(vectors.defaultPolicy);
  });

  test('every case has a status this suite knows how to check', () => {
    expect(answered.length + notFound.length + malformed.length).toBe(vectors.cases.length);
  });

  test.each(answered)('$id', (c) => {
    expect(chooseAnswerer(c.state.productSynced, false)).toBe('local');
    expect(decide(c, DEFAULT_RESPONSE_RULES)).toStrictEqual(c.expected.data);
  });

  test.each(alternatives)('$id with $change', ({ scenario, policy, expected }) => {
    expect(expected.httpStatus).toBe(200);
    // The same delta must work whether the producer sets it or a GTIN override does.
    expect(decide(scenario, resolveResponseRules(policy))).toStrictEqual(expected.data);
    expect(decide(scenario, resolveResponseRules({}, policy))).toStrictEqual(expected.data);
  });

  // The file lists every single switch that changes an answer, so all the others must not.
  test.each(answered)('$id: switches not listed leave the answer as is', (c) => {
    for (const [key, value] of Object.entries(DEFAULT_RESPONSE_RULES)) {
      const delta = { [key]: !value };
      const listed = c.alternatives.some((alt) => JSON.stringify(alt.policy) === JSON.stringify(delta));
      if (!listed) expect(decide(c, resolveResponseRules(delta)), `${key}=${!value}`).toStrictEqual(c.expected.data);
    }
  });

  // 404 is decided before any serial is looked at: nobody here or at a peer answers for it.
  test.each(notFound)('$id answers 404', (c) => {
    expect(c.expected.data).toBeUndefined();
    expect(chooseAnswerer(c.state.productSynced, false)).toBe('none');
  });

  // Request validation is the API layer's job; here only what the vector promises it.
  test.each(malformed)('$id names the bad field', (c) => {
    expect(['gtin', 'lot', 'ser', 'exp', 'reqGLN', 'corrUUID', 'linkType', 'context']).toContain(
      c.expected.problemField,
    );
    if (c.expected.problemField === 'exp') expect(parseGs1Date(c.request.exp, new Date(c.requestTime)).ok).toBe(false);
  });
});
