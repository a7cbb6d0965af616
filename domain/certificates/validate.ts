import { verifyChain } from './chain.js';
import { blame, type CertificateError } from './errors.js';
import { metadataOf, type CertificateMetadata } from './fingerprint.js';
import { exportPrivateKeyPem, importKeyForCertificate } from './keys.js';
import { parseCertificatesPem } from './pem.js';
import { checkClientUsage } from './usage.js';
import { checkValidAt } from './validity.js';
import { err, ok, type Result } from '../result.js';

export interface ValidateParams {
  /** The uploaded client certificate, optionally followed by intermediates (leaf first). */
  certificatePem: string;
  /** The uploaded private key: PKCS#8 ("BEGIN PRIVATE KEY"), SEC1 ("BEGIN EC PRIVATE KEY") or PKCS#1 ("BEGIN RSA PRIVATE KEY"). */
  privateKeyPem: string;
  /** The CA the certificate must chain to (one or more CERTIFICATE blocks). */
  caPem: string;
  now: Date;
}

export interface ValidatedCertificate {
  /** The leaf alone, re-encoded. */
  certificatePem: string;
  /** Uploaded intermediates on the path to the CA, leaf side first ('' when none). */
  chainPem: string;
  /** The key re-exported as canonical PKCS#8 PEM, ready to be encrypted at rest. */
  privateKeyPem: string;
  metadata: CertificateMetadata;
}

/**
 * Checks an uploaded client certificate + key, most fundamental problem first: readable,
 * issued by the CA, valid now, meant for client auth, and the key is the certificate's.
 * Each error names the parameter at fault in `field`.
 */
export async function validateClientCertificate(
  params: ValidateParams,
): Promise<Result<ValidatedCertificate, CertificateError>> {
  const certs = blame(parseCertificatesPem(params.certificatePem), 'certificatePem');
  if (!certs.ok) return certs;
  const anchors = parseCertificatesPem(params.caPem);
  if (!anchors.ok) return err({ ...anchors.error, message: `CA: ${anchors.error.message}`, field: 'caPem' });
  const [leaf, ...intermediates] = certs.value;

  const path = blame(await verifyChain(leaf, intermediates, anchors.value, params.now), 'certificatePem');
  if (!path.ok) return path;
  const valid = blame(checkValidAt(leaf, params.now), 'certificatePem');
  if (!valid.ok) return valid;
  const usage = blame(checkClientUsage(leaf), 'certificatePem');
  if (!usage.ok) return usage;
  const key = await importKeyForCertificate(params.privateKeyPem, leaf);
  if (!key.ok) return key;

  const chain = path.value.slice(1).filter((c) => intermediates.includes(c));
  return ok({
    certificatePem: leaf.toString('pem'),
    chainPem: chain.map((c) => c.toString('pem')).join('\n'),
    privateKeyPem: await exportPrivateKeyPem(key.value.privateKey),
    metadata: await metadataOf(leaf),
  });
}
