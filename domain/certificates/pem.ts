import { createPrivateKey } from 'node:crypto';
import { certificateError, type CertificateError } from './errors.js';
import { x509 } from './x509.js';
import { err, ok, type Result } from '../result.js';

type X509Certificate = InstanceType<typeof x509.X509Certificate>;

export const encodePem = (der: ArrayBuffer, label: string): string => x509.PemConverter.encode(der, label);

function blocks(text: string): { type: string; der: ArrayBuffer }[] {
  try {
    return x509.PemConverter.decodeWithHeaders(text).map((b) => ({ type: b.type, der: b.rawData }));
  } catch {
    return [];
  }
}

/** Every CERTIFICATE block in order (leaf first, as TLS sends them); other blocks are ignored. */
export function parseCertificatesPem(text: string): Result<[X509Certificate, ...X509Certificate[]], CertificateError> {
  const certs = blocks(text).filter((b) => b.type === 'CERTIFICATE');
  if (certs.length === 0) return err(certificateError('not_pem', 'no "BEGIN CERTIFICATE" block found'));
  const parsed: X509Certificate[] = [];
  for (const [i, block] of certs.entries()) {
    try {
      parsed.push(new x509.X509Certificate(block.der));
    } catch {
      return err(certificateError('not_pem', `certificate block ${i + 1} is not a valid X.509 certificate`));
    }
  }
  return ok(parsed as [X509Certificate, ...X509Certificate[]]);
}

export function parseCertificatePem(text: string): Result<X509Certificate, CertificateError> {
  const parsed = parseCertificatesPem(text);
  return parsed.ok ? ok(parsed.value[0]) : parsed;
}

// WebCrypto imports PKCS#8 only; SEC1 ("EC PRIVATE KEY", what `openssl ecparam -genkey` writes)
// and PKCS#1 ("RSA PRIVATE KEY") are the same keys in another wrapping, so they are rewrapped.
const OTHER_WRAPPINGS: Record<string, 'sec1' | 'pkcs1'> = { 'EC PRIVATE KEY': 'sec1', 'RSA PRIVATE KEY': 'pkcs1' };
const KEY_LABELS = ['PRIVATE KEY', ...Object.keys(OTHER_WRAPPINGS)];
const ENCRYPTED =
  'the private key is password-protected; upload it unencrypted (it is encrypted at rest here): openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem';

function toPkcs8(der: ArrayBuffer, type: 'sec1' | 'pkcs1', label: string): Result<ArrayBuffer, CertificateError> {
  try {
    const pkcs8 = createPrivateKey({ key: Buffer.from(der), format: 'der', type }).export({
      type: 'pkcs8',
      format: 'der',
    });
    return ok(new Uint8Array(pkcs8).buffer);
  } catch {
    return err(certificateError('not_pem', `the "BEGIN ${label}" block is not a valid key`));
  }
}

/**
 * The DER bytes (PKCS#8) of the one private key in `text`: PKCS#8, SEC1 or PKCS#1, other blocks
 * (such as the EC PARAMETERS openssl writes first) ignored. The error messages never quote the
 * input, because the input is secret.
 */
export function parsePrivateKeyPem(text: string): Result<ArrayBuffer, CertificateError> {
  const all = blocks(text);
  const keys = all.filter((b) => KEY_LABELS.includes(b.type));
  if (keys.length > 1)
    return err(certificateError('not_pem', 'more than one private key block; upload exactly one key'));
  const key = keys[0];
  if (key) {
    const wrapping = OTHER_WRAPPINGS[key.type];
    return wrapping ? toPkcs8(key.der, wrapping, key.type) : ok(key.der);
  }
  if (all.some((b) => b.type === 'ENCRYPTED PRIVATE KEY')) return err(certificateError('unsupported_key', ENCRYPTED));
  return err(
    certificateError(
      'not_pem',
      'no "BEGIN PRIVATE KEY", "BEGIN EC PRIVATE KEY" or "BEGIN RSA PRIVATE KEY" block found',
    ),
  );
}
