import { DEFAULT_KEY_ALGORITHM, generateKeyPair, profileOf, type KeyAlgorithm } from './algorithms.js';
import { certificateError, type CertificateError } from './errors.js';
import { subjectAltName, subjectName, validateIdentity, type ClientIdentity } from './identity.js';
import { loadIssuer, type CertificateWithKey } from './issuer.js';
import { exportPrivateKeyPem } from './keys.js';
import { signClientLeaf } from './leaf.js';
import { validateClientCertificate, type ValidatedCertificate } from './validate.js';
import { x509 } from './x509.js';
import { err, ok, type Result } from '../result.js';

/** A CSR sent to a partner and the key we keep (to be encrypted at rest) until its answer. */
export interface PendingCsr {
  csrPem: string;
  privateKeyPem: string;
}

/** Step 1, ours: a key and a PKCS#10 request with the same subject and SAN as issued ones. */
export async function createCsr(params: {
  identity: ClientIdentity;
  algorithm?: KeyAlgorithm;
}): Promise<Result<PendingCsr, CertificateError>> {
  const identity = validateIdentity(params.identity);
  if (!identity.ok) return identity;
  const keys = await generateKeyPair(params.algorithm ?? DEFAULT_KEY_ALGORITHM);
  const profile = profileOf(keys.publicKey.algorithm);
  if (!profile.ok) return profile;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: subjectName(identity.value),
    keys,
    signingAlgorithm: profile.value.signParams,
    extensions: [subjectAltName(identity.value.host)],
  });
  return ok({ csrPem: csr.toString('pem'), privateKeyPem: await exportPrivateKeyPem(keys.privateKey) });
}

/**
 * Step 2, the partner's (and ours when a partner sends us a CSR): sign a client certificate
 * for the requested subject and first DNS name, after checking the request's self-signature.
 */
export async function signCsr(params: {
  issuer: CertificateWithKey;
  csrPem: string;
  notBefore: Date;
  notAfter: Date;
}): Promise<Result<string, CertificateError>> {
  let csr: InstanceType<typeof x509.Pkcs10CertificateRequest>;
  try {
    csr = new x509.Pkcs10CertificateRequest(params.csrPem);
  } catch {
    return err(certificateError('not_pem', 'not a PKCS#10 certificate request'));
  }
  if (!(await csr.verify().catch(() => false)))
    return err(certificateError('csr_invalid', 'the request is not signed by its own key'));
  const profile = profileOf(csr.publicKey.algorithm);
  if (!profile.ok) return profile;
  const san = csr.extensions.find((e) => e instanceof x509.SubjectAlternativeNameExtension);
  const host = san?.names.items.find((n) => n.type === 'dns')?.value;
  if (!host) return err(certificateError('csr_invalid', 'the request names no DNS host (subjectAltName dNSName)'));
  const issuer = await loadIssuer(params.issuer);
  if (!issuer.ok) return issuer;
  const certificate = await signClientLeaf({
    issuer: issuer.value,
    publicKey: csr.publicKey,
    subject: csr.subjectName,
    host,
    notBefore: params.notBefore,
    notAfter: params.notAfter,
  });
  return certificate.ok ? ok(certificate.value.toString('pem')) : certificate;
}

/**
 * Step 3, ours: the partner's answer must chain to the partner's CA and carry the public key
 * of the private key we kept (checked by signing, like an upload).
 */
export async function acceptSignedCertificate(params: {
  pending: PendingCsr;
  certificatePem: string;
  caPem: string;
  now: Date;
}): Promise<Result<ValidatedCertificate, CertificateError>> {
  const validated = await validateClientCertificate({
    certificatePem: params.certificatePem,
    privateKeyPem: params.pending.privateKeyPem,
    caPem: params.caPem,
    now: params.now,
  });
  // The key is ours and known good: a key that does not fit means the answer is for another request.
  if (!validated.ok && validated.error.field === 'privateKeyPem') {
    return err({
      ...validated.error,
      message: 'the certificate is not for the key of our CSR',
      field: 'certificatePem',
    });
  }
  return validated;
}
