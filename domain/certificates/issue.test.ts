import { X509Certificate as NodeCertificate } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createCa } from './ca.js';
import { issueClientCertificate } from './issue.js';
import { days, NOW, OUR_IDENTITY, testCa, testLeaf, unwrap } from '../../test/helpers/testPki.js';
import { validateClientCertificate } from './validate.js';

describe('installation CA', () => {
  test('is a self-signed EC P-256 CA limited to signing certificates', async () => {
    const ca = await testCa();
    const cert = new NodeCertificate(ca.certificatePem);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toContain('CN=VRS Test CA');
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.toLegacyObject().ext_key_usage).toBeUndefined();
    expect(cert.validTo).toContain('2036');
  });

  test.each([
    ['an empty name', { commonName: ' ', notBefore: NOW, notAfter: days(1) }],
    ['notAfter before notBefore', { commonName: 'CA', notBefore: NOW, notAfter: days(-1) }],
    ['an invalid date', { commonName: 'CA', notBefore: new Date('x'), notAfter: days(1) }],
  ])('refuses %s', async (_, params) => {
    const result = await createCa(params);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe.each(['ec-p256', 'rsa-2048'] as const)('client certificate (%s)', (algorithm) => {
  test('round trip: issued by our CA, it validates with its key', async () => {
    const ca = await testCa();
    const leaf = await testLeaf(ca, { algorithm });
    const validated = unwrap(await validateClientCertificate({ ...leaf, caPem: ca.certificatePem, now: NOW }));
    expect(validated.metadata.keyAlgorithm).toBe(algorithm === 'ec-p256' ? 'EC P-256' : 'RSA 2048');
    expect(validated.metadata.subject).toBe('CN=vrs.example.com, O=Example Pharma, serialNumber=0614141000005');
    expect(validated.metadata.issuer).toBe('CN=VRS Test CA, O=Example Pharma');
  });

  test('is a clientAuth-only leaf with our host and GLN', async () => {
    const ca = await testCa();
    const leaf = await testLeaf(ca, { algorithm, notBefore: days(-1), notAfter: days(89) });
    const cert = new NodeCertificate(leaf.certificatePem);
    expect(cert.ca).toBe(false);
    expect(cert.subjectAltName).toBe('DNS:vrs.example.com');
    expect(cert.subject.split('\n')).toEqual(['CN=vrs.example.com', 'O=Example Pharma', 'serialNumber=0614141000005']);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(cert.checkIssued(new NodeCertificate(ca.certificatePem))).toBe(true);
    expect(new Date(cert.validFrom)).toEqual(days(-1));
    expect(new Date(cert.validTo)).toEqual(days(89));
  });
});

describe('issueClientCertificate', () => {
  test('gives every certificate its own random serial and key', async () => {
    const ca = await testCa();
    const [a, b] = [await testLeaf(ca), await testLeaf(ca)];
    expect(new NodeCertificate(a.certificatePem).serialNumber).not.toBe(
      new NodeCertificate(b.certificatePem).serialNumber,
    );
    expect(a.privateKeyPem).not.toBe(b.privateKeyPem);
    expect(new NodeCertificate(a.certificatePem).serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
  });

  test.each([
    ['a GLN with a wrong check digit', { ...OUR_IDENTITY, gln: '0614141000006' }],
    ['a host that is not a DNS name', { ...OUR_IDENTITY, host: 'not a host' }],
    ['an empty organization', { ...OUR_IDENTITY, organization: '' }],
  ])('refuses %s', async (_, identity) => {
    const result = await issueClientCertificate({ ca: await testCa(), identity, notBefore: NOW, notAfter: days(90) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  test('refuses a validity that outlives the CA', async () => {
    const result = await issueClientCertificate({
      ca: await testCa(),
      identity: OUR_IDENTITY,
      notBefore: NOW,
      notAfter: days(4000),
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining("CA's") },
    });
  });

  test('refuses to sign with a certificate that is not a CA', async () => {
    const leaf = await testLeaf(await testCa());
    const result = await issueClientCertificate({
      ca: leaf,
      identity: OUR_IDENTITY,
      notBefore: NOW,
      notAfter: days(30),
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('not a CA') },
    });
  });

  test('works with an RSA CA too', async () => {
    const ca = await testCa('RSA CA', 'rsa-2048');
    const leaf = await testLeaf(ca);
    expect((await validateClientCertificate({ ...leaf, caPem: ca.certificatePem, now: NOW })).ok).toBe(true);
  });
});
