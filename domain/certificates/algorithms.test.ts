import { describe, expect, test } from 'vitest';
import { profileOf } from './algorithms.js';

describe('profileOf', () => {
  test.each([
    [{ name: 'ECDSA', namedCurve: 'P-256' }, 'EC P-256'],
    [{ name: 'ECDSA', namedCurve: 'P-384' }, 'EC P-384'],
    [{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048 }, 'RSA 2048'],
    [{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 4096 }, 'RSA 4096'],
  ])('accepts %o as %s', (algorithm, label) => {
    expect(profileOf(algorithm)).toMatchObject({ ok: true, value: { label } });
  });

  test.each([
    [{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024 }, 'too weak'],
    [{ name: 'ECDSA', namedCurve: 'K-256' }, 'ECDSA K-256'],
    [{ name: 'Ed25519' }, 'Ed25519'],
  ])('refuses %o', (algorithm, why) => {
    expect(profileOf(algorithm)).toMatchObject({
      ok: false,
      error: { code: 'unsupported_key', message: expect.stringContaining(why) },
    });
  });
});
