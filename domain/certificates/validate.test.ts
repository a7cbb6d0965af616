import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { generateKeyPair } from './algorithms.js';
import { loadIssuer, type CertificateWithKey } from './issuer.js';
import { exportPrivateKeyPem } from './keys.js';
import { days, NOW, testCa, testLeaf, unwrap } from '../../test/helpers/testPki.js';
import { validateClientCertificate } from './validate.js';
import { x509 } from './x509.js';

// Private keys in other wrappings, made by Node (test-only; the domain code uses WebCrypto).
const spki = { type: 'spki', format: 'pem' } as const;
const sec1Key = () =>
  generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: spki,
    privateKeyEncoding: { type: 'sec1', format: 'pem' },
  }).privateKey;
const encryptedKey = () =>
  generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: spki,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' },
  }).privateKey;
/** The same key rewrapped, as `openssl ec` / `openssl rsa -traditional` write it. */
const rewrapped = (pkcs8Pem: string, type: 'sec1' | 'pkcs1') =>
  createPrivateKey(pkcs8Pem).export({ type, format: 'pem' }).toString();
// What `openssl ecparam -name prime256v1 -genkey` prints: the curve's parameters, then the SEC1 key.
const EC_PARAMETERS = '-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n';
const p384Key = () =>
  generateKeyPairSync('ec', {
    namedCurve: 'P-384',
    publicKeyEncoding: spki,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  }).privateKey;

const validate = (leaf: CertificateWithKey, caPem: string, now = NOW) =>
  validateClientCertificate({ ...leaf, caPem, now });
const codeOf = async (result: ReturnType<typeof validate>) => {
  const r = await result;
  return r.ok ? 'ok' : r.error.code;
};

/** An intermediate CA under `root`, as some partners' PKIs have. */
async function intermediateOf(root: CertificateWithKey): Promise<CertificateWithKey> {
  const issuer = unwrap(await loadIssuer(root));
  const keys = await generateKeyPair('ec-p256');
  const cert = await x509.X509CertificateGenerator.create({
    subject: 'CN=Partner Issuing CA',
    issuer: issuer.certificate.subjectName,
    publicKey: keys.publicKey,
    signingKey: issuer.key.privateKey,
    signingAlgorithm: issuer.key.profile.signParams,
    notBefore: days(-30),
    notAfter: days(1000),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true),
    ],
  });
  return { certificatePem: cert.toString('pem'), privateKeyPem: await exportPrivateKeyPem(keys.privateKey) };
}

describe('validateClientCertificate', () => {
  test('refuses a certificate from another CA', async () => {
    const [ours, theirs] = [await testCa('Our CA'), await testCa('Other CA')];
    const result = await validate(await testLeaf(theirs), ours.certificatePem);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'chain_invalid', message: expect.stringContaining('Other CA') },
    });
  });

  test('refuses a CA with the same name but another key', async () => {
    const [ours, impostor] = [await testCa('Same Name CA'), await testCa('Same Name CA')];
    expect(await codeOf(validate(await testLeaf(impostor), ours.certificatePem))).toBe('chain_invalid');
  });

  test('refuses a private key that is not the certificate key', async () => {
    const ca = await testCa();
    const [a, b] = [await testLeaf(ca), await testLeaf(ca)];
    expect(
      await codeOf(validate({ certificatePem: a.certificatePem, privateKeyPem: b.privateKeyPem }, ca.certificatePem)),
    ).toBe('key_mismatch');
  });

  test('refuses an RSA key for an EC certificate', async () => {
    const ca = await testCa();
    const [ec, rsa] = [await testLeaf(ca), await testLeaf(ca, { algorithm: 'rsa-2048' })];
    expect(
      await codeOf(
        validate({ certificatePem: ec.certificatePem, privateKeyPem: rsa.privateKeyPem }, ca.certificatePem),
      ),
    ).toBe('key_mismatch');
  });

  test.each([
    ['not_yet_valid', days(-1), days(1), days(-2)],
    ['ok', days(-1), days(1), days(-1)],
    ['ok', days(-1), days(1), days(1)],
    ['expired', days(-1), days(1), new Date(days(1).getTime() + 1)],
  ])('%s: valid %s to %s, checked at %s', async (code, notBefore, notAfter, now) => {
    const ca = await testCa();
    expect(await codeOf(validate(await testLeaf(ca, { notBefore, notAfter }), ca.certificatePem, now))).toBe(code);
  });

  test('refuses a certificate without clientAuth (here: the CA itself)', async () => {
    const ca = await testCa();
    expect(await codeOf(validate(ca, ca.certificatePem))).toBe('wrong_key_usage');
  });

  test('accepts a chain through an uploaded intermediate, and refuses it without', async () => {
    const root = await testCa('Partner Root');
    const intermediate = await intermediateOf(root);
    const leaf = await testLeaf(intermediate);
    const full = unwrap(
      await validate(
        { ...leaf, certificatePem: leaf.certificatePem + intermediate.certificatePem },
        root.certificatePem,
      ),
    );
    expect(full.chainPem).toBe(new x509.X509Certificate(intermediate.certificatePem).toString('pem'));
    expect(full.metadata.issuer).toBe('CN=Partner Issuing CA');
    expect(await codeOf(validate(leaf, root.certificatePem))).toBe('chain_invalid');
  });

  test('refuses a chain whose CA has expired', async () => {
    const ca = await testCa();
    expect(await codeOf(validate(await testLeaf(ca, { notAfter: days(3650) }), ca.certificatePem, days(3651)))).toBe(
      'chain_invalid',
    );
  });

  test.each([
    ['not_pem', 'certificate', 'hello'],
    ['not_pem', 'certificate', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'],
    ['not_pem', 'key', 'no key here'],
    ['not_pem', 'key', '-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n'],
    ['unsupported_key', 'key', encryptedKey()],
  ])('%s for a bad %s upload', async (code, which, text) => {
    const ca = await testCa();
    const leaf = await testLeaf(ca);
    const upload = which === 'key' ? { ...leaf, privateKeyPem: text } : { ...leaf, certificatePem: text };
    const result = await validate(upload, ca.certificatePem);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok && which === 'key') expect(result.error.message).not.toContain(text.split('\n')[1]!);
  });

  test.each([
    ['SEC1 (openssl ecparam -genkey)', 'ec-p256', (pem: string) => EC_PARAMETERS + rewrapped(pem, 'sec1')],
    ['SEC1 alone', 'ec-p256', (pem: string) => rewrapped(pem, 'sec1')],
    ['PKCS#1', 'rsa-2048', (pem: string) => rewrapped(pem, 'pkcs1')],
  ] as const)('accepts the key as %s and stores it as PKCS#8', async (_, algorithm, wrap) => {
    const ca = await testCa();
    const leaf = await testLeaf(ca, { algorithm });
    const validated = unwrap(await validate({ ...leaf, privateKeyPem: wrap(leaf.privateKeyPem) }, ca.certificatePem));
    expect(validated.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(createPrivateKey(validated.privateKeyPem).export({ type: 'pkcs8', format: 'pem' })).toBe(
      createPrivateKey(leaf.privateKeyPem).export({ type: 'pkcs8', format: 'pem' }),
    );
  });

  test('each error names the parameter at fault', async () => {
    const ca = await testCa();
    const [leaf, other] = [await testLeaf(ca), await testLeaf(ca)];
    const fieldOf = async (upload: CertificateWithKey, caPem = ca.certificatePem) => {
      const r = await validate(upload, caPem);
      return r.ok ? 'ok' : `${r.error.code} ${r.error.field}`;
    };
    expect(await fieldOf({ ...leaf, privateKeyPem: other.privateKeyPem })).toBe('key_mismatch privateKeyPem');
    expect(await fieldOf({ ...leaf, privateKeyPem: sec1Key() })).toBe('key_mismatch privateKeyPem');
    expect(await fieldOf({ ...leaf, privateKeyPem: 'no key' })).toBe('not_pem privateKeyPem');
    expect(await fieldOf({ ...leaf, certificatePem: 'no certificate' })).toBe('not_pem certificatePem');
    expect(await fieldOf(leaf, 'no CA')).toBe('not_pem caPem');
    expect(await fieldOf(leaf, (await testCa('Other CA')).certificatePem)).toBe('chain_invalid certificatePem');
  });

  test('key_mismatch for a P-384 key with a P-256 certificate', async () => {
    const ca = await testCa();
    const leaf = await testLeaf(ca);
    const p384 = p384Key();
    expect(await codeOf(validate({ ...leaf, privateKeyPem: p384 }, ca.certificatePem))).toBe('key_mismatch');
  });

  test('the metadata never carries the private key', async () => {
    const ca = await testCa();
    const leaf = await testLeaf(ca);
    const { metadata } = unwrap(await validate(leaf, ca.certificatePem));
    expect(Object.keys(metadata).sort()).toEqual([
      'fingerprintSha256',
      'issuer',
      'keyAlgorithm',
      'notAfter',
      'notBefore',
      'serialNumber',
      'subject',
    ]);
    const json = JSON.stringify(metadata);
    expect(json).not.toContain('PRIVATE KEY');
    const base64Lines = leaf.privateKeyPem.split('\n').filter((line) => line && !line.startsWith('-----'));
    expect(base64Lines.length).toBeGreaterThan(0);
    for (const line of base64Lines) expect(json).not.toContain(line);
  });
});
