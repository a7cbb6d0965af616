import { X509Certificate as NodeCertificate } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { certificateMetadata, fingerprintSha256 } from './fingerprint.js';
import { testCa, testLeaf, unwrap } from '../../test/helpers/testPki.js';

describe('fingerprint and metadata', () => {
  test('the fingerprint is what Node reports for a TLS peer (fingerprint256)', async () => {
    const leaf = await testLeaf(await testCa());
    const node = new NodeCertificate(leaf.certificatePem);
    expect(await fingerprintSha256(node.raw)).toBe(node.fingerprint256);
    expect(unwrap(await certificateMetadata(leaf.certificatePem)).fingerprintSha256).toBe(node.fingerprint256);
  });

  test('metadata shows subject, issuer, serial, dates and key algorithm', async () => {
    const leaf = await testLeaf(await testCa(), { algorithm: 'rsa-2048' });
    const node = new NodeCertificate(leaf.certificatePem);
    expect(unwrap(await certificateMetadata(leaf.certificatePem))).toEqual({
      subject: 'CN=vrs.example.com, O=Example Pharma, serialNumber=0614141000005',
      issuer: 'CN=VRS Test CA, O=Example Pharma',
      serialNumber: node.serialNumber.toLowerCase(),
      notBefore: new Date(node.validFrom).toISOString(),
      notAfter: new Date(node.validTo).toISOString(),
      keyAlgorithm: 'RSA 2048',
      fingerprintSha256: node.fingerprint256,
    });
  });

  test('is not_pem for anything but a certificate', async () => {
    const leaf = await testLeaf(await testCa());
    expect(await certificateMetadata(leaf.privateKeyPem)).toMatchObject({ ok: false, error: { code: 'not_pem' } });
  });
});
