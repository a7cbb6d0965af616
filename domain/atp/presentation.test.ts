import { describe, expect, test } from 'vitest';
import { normalizeCorrUuid, precheckPresentation } from './presentation.js';

const CORR = '21ec2020-3aea-4069-a2dd-08002b30309d';
const NOW = new Date('2026-12-04T12:00:00Z');
const NOW_SEC = NOW.getTime() / 1000;
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${part({ alg: 'ES256K' })}.${part(claims)}.c2ln`;

describe('precheckPresentation: the local checks before any wallet call', () => {
  test.each([
    ['a fresh presentation for this corrUUID', jwt({ iss: 'did:web:a', nonce: CORR, iat: NOW_SEC - 10 }), null],
    ['a fractional iat', jwt({ nonce: CORR, iat: NOW_SEC - 0.25 }), null],
    [
      'the corrUUID in upper case with a urn:uuid: prefix',
      jwt({ nonce: `urn:uuid:${CORR.toUpperCase()}`, iat: NOW_SEC }),
      null,
    ],
    ['an iat 30 s ahead (clock skew)', jwt({ nonce: CORR, iat: NOW_SEC + 30 }), null],
    ['exactly 300 s old', jwt({ nonce: CORR, iat: NOW_SEC - 300 }), null],
    ['not three parts', 'abc.def', 'jwt_invalid'],
    ['claims that are not JSON', `${part({})}.bm90IGpzb24.c2ln`, 'jwt_invalid'],
    ['an empty signature', `${part({})}.${part({ nonce: CORR, iat: NOW_SEC })}.`, 'jwt_invalid'],
    [
      'another request’s nonce (a replay)',
      jwt({ nonce: '00000000-0000-4000-8000-000000000000', iat: NOW_SEC }),
      'vp_nonce_invalid',
    ],
    ['no nonce', jwt({ iat: NOW_SEC }), 'vp_nonce_invalid'],
    ['an iat that is a string', jwt({ nonce: CORR, iat: String(NOW_SEC) }), 'vp_iat_invalid'],
    ['an iat an hour ahead', jwt({ nonce: CORR, iat: NOW_SEC + 3_600 }), 'vp_iat_invalid'],
    ['301 s old', jwt({ nonce: CORR, iat: NOW_SEC - 301 }), 'vp_iat_expired'],
  ])('%s', (_name, presentation, code) => {
    const result = precheckPresentation(presentation, CORR, NOW);
    expect(result.ok ? null : result.error).toBe(code);
  });

  const GLN = '0321012345676';
  const withGln = (value: string, embedded: boolean) => {
    const credential = { credentialSubject: { identifier: [{ propertyID: 'globalLocationNumber', value }] } };
    const vc = embedded ? credential : jwt({ vc: credential });
    return jwt({ nonce: CORR, iat: NOW_SEC, vp: { verifiableCredential: [vc] } });
  };
  test.each([
    ['the GLN in a JWT credential is the party’s', withGln(GLN, false), null],
    ['the GLN in an embedded credential is the party’s', withGln(GLN, true), null],
    ['no GLN in the credential', jwt({ nonce: CORR, iat: NOW_SEC, vp: { verifiableCredential: [] } }), null],
    ['another GLN (JWT credential)', withGln('0860000000017', false), 'vc_invalid'],
    ['another GLN (embedded credential)', withGln('0860000000017', true), 'vc_invalid'],
  ])('%s', (_name, presentation, code) => {
    const result = precheckPresentation(presentation, CORR, NOW, GLN);
    expect(result.ok ? null : result.error).toBe(code);
  });
});

test.each([
  [CORR, CORR],
  [`urn:uuid:${CORR}`, CORR],
  [` URN:UUID:${CORR.toUpperCase()} `, CORR],
])('normalizeCorrUuid(%s)', (input, expected) => {
  expect(normalizeCorrUuid(input)).toBe(expected);
});
