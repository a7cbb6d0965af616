import { X509Certificate as NodeCertificate } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { acceptSignedCertificate, createCsr, signCsr } from './csr.js';
import { days, NOW, OUR_IDENTITY, testCa, unwrap } from '../../test/helpers/testPki.js';
import { x509 } from './x509.js';

describe.each(['ec-p256', 'rsa-2048'] as const)('CSR flow (%s)', (algorithm) => {
  test('we request, the partner signs, we accept the answer for the key we kept', async () => {
    const pending = unwrap(await createCsr({ identity: OUR_IDENTITY, algorithm }));
    const csr = new x509.Pkcs10CertificateRequest(pending.csrPem);
    expect(await csr.verify()).toBe(true);
    expect(csr.subject).toBe('CN=vrs.example.com, O=Example Pharma, 2.5.4.5=0614141000005');

    const partnerCa = await testCa('Partner CA');
    const certificatePem = unwrap(
      await signCsr({ issuer: partnerCa, csrPem: pending.csrPem, notBefore: days(-1), notAfter: days(365) }),
    );
    const cert = new NodeCertificate(certificatePem);
    expect(cert.subjectAltName).toBe('DNS:vrs.example.com');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);

    const accepted = unwrap(
      await acceptSignedCertificate({ pending, certificatePem, caPem: partnerCa.certificatePem, now: NOW }),
    );
    expect(accepted.metadata.issuer).toBe('CN=Partner CA, O=Example Pharma');
  });
});

describe('CSR flow failures', () => {
  test('an answer for another key is refused', async () => {
    const [ours, other] = [
      unwrap(await createCsr({ identity: OUR_IDENTITY })),
      unwrap(await createCsr({ identity: OUR_IDENTITY })),
    ];
    const partnerCa = await testCa('Partner CA');
    const certificatePem = unwrap(
      await signCsr({ issuer: partnerCa, csrPem: other.csrPem, notBefore: days(-1), notAfter: days(365) }),
    );
    const result = await acceptSignedCertificate({
      pending: ours,
      certificatePem,
      caPem: partnerCa.certificatePem,
      now: NOW,
    });
    // The key is ours: the certificate the partner sent is what is wrong.
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'key_mismatch',
        field: 'certificatePem',
        message: 'the certificate is not for the key of our CSR',
      },
    });
  });

  test('an answer signed by a CA other than the partner’s is refused', async () => {
    const pending = unwrap(await createCsr({ identity: OUR_IDENTITY }));
    const [partnerCa, strangerCa] = [await testCa('Partner CA'), await testCa('Stranger CA')];
    const certificatePem = unwrap(
      await signCsr({ issuer: strangerCa, csrPem: pending.csrPem, notBefore: days(-1), notAfter: days(365) }),
    );
    const result = await acceptSignedCertificate({
      pending,
      certificatePem,
      caPem: partnerCa.certificatePem,
      now: NOW,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'chain_invalid' } });
  });

  test('a request whose signature does not verify is not signed', async () => {
    const pending = unwrap(await createCsr({ identity: OUR_IDENTITY }));
    const der = new Uint8Array(new x509.Pkcs10CertificateRequest(pending.csrPem).rawData);
    der[der.length - 5]! ^= 0x01; // inside the signature value
    const tampered = x509.PemConverter.encode(der, 'CERTIFICATE REQUEST');
    const result = await signCsr({ issuer: await testCa(), csrPem: tampered, notBefore: NOW, notAfter: days(30) });
    expect(result).toMatchObject({ ok: false, error: { code: 'csr_invalid' } });
  });

  test('garbage is not_pem, and a bad identity is refused before any key is made', async () => {
    expect(await signCsr({ issuer: await testCa(), csrPem: 'nope', notBefore: NOW, notAfter: days(30) })).toMatchObject(
      { ok: false, error: { code: 'not_pem' } },
    );
    expect(await createCsr({ identity: { ...OUR_IDENTITY, gln: '123' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'gln' },
    });
    expect(await createCsr({ identity: { ...OUR_IDENTITY, host: 'localhost' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', field: 'host' },
    });
  });
});
