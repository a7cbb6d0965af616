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

// WebCrypto imports PKCS#8 only; these labels are the same keys in other wrappings.
const CONVERT_HINT = 'convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem';
const OTHER_KEY_LABELS: Record<string, string> = {
  'EC PRIVATE KEY': `"BEGIN EC PRIVATE KEY" (SEC1) cannot be imported; ${CONVERT_HINT}`,
  'RSA PRIVATE KEY': `"BEGIN RSA PRIVATE KEY" (PKCS#1) cannot be imported; ${CONVERT_HINT}`,
  'ENCRYPTED PRIVATE KEY': `the private key is password-protected; upload it unencrypted (it is encrypted at rest here): ${CONVERT_HINT}`,
};

/**
 * The DER bytes of the one PKCS#8 private key in `text`. The error messages never quote the
 * input, because the input is secret.
 */
export function parsePrivateKeyPem(text: string): Result<ArrayBuffer, CertificateError> {
  const all = blocks(text);
  const keys = all.filter((b) => b.type === 'PRIVATE KEY');
  if (keys.length > 1) return err(certificateError('not_pem', 'more than one "BEGIN PRIVATE KEY" block; upload exactly one key'));
  if (keys[0]) return ok(keys[0].der);
  const other = all.find((b) => OTHER_KEY_LABELS[b.type]);
  if (other) return err(certificateError('unsupported_key', OTHER_KEY_LABELS[other.type]!));
  return err(certificateError('not_pem', 'no "BEGIN PRIVATE KEY" block found'));
}
