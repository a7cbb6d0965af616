import { DEFAULT_KEY_ALGORITHM, generateKeyPair, type KeyAlgorithm } from './algorithms.js';
import type { CertificateError } from './errors.js';
import { subjectName, validateIdentity, type ClientIdentity } from './identity.js';
import { loadIssuer, type CertificateWithKey } from './issuer.js';
import { exportPrivateKeyPem } from './keys.js';
import { signClientLeaf } from './leaf.js';
import { ok, type Result } from '../result.js';

export interface IssueParams {
  /** Our installation CA with its decrypted key. */
  ca: CertificateWithKey;
  identity: ClientIdentity;
  notBefore: Date;
  notAfter: Date;
  algorithm?: KeyAlgorithm;
  usage?: 'clientAuth' | 'serverAuth';
}

/**
 * A fresh key and client certificate for ONE partner connection: each connection gets its own
 * key, so retiring or losing one never touches another partner.
 */
export async function issueClientCertificate(
  params: IssueParams,
): Promise<Result<CertificateWithKey, CertificateError>> {
  const identity = validateIdentity(params.identity);
  if (!identity.ok) return identity;
  const issuer = await loadIssuer(params.ca);
  if (!issuer.ok) return issuer;
  const keys = await generateKeyPair(params.algorithm ?? DEFAULT_KEY_ALGORITHM);
  const certificate = await signClientLeaf({
    issuer: issuer.value,
    publicKey: keys.publicKey,
    subject: subjectName(identity.value),
    host: identity.value.host,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
    usage: params.usage ?? 'clientAuth',
  });
  if (!certificate.ok) return certificate;
  return ok({
    certificatePem: certificate.value.toString('pem'),
    privateKeyPem: await exportPrivateKeyPem(keys.privateKey),
  });
}
