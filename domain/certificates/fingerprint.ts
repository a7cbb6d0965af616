import { certificateError, type CertificateError } from './errors.js';
import { profileOf } from './algorithms.js';
import { readableName } from './identity.js';
import { parseCertificatePem } from './pem.js';
import type { x509 } from './x509.js';
import { err, ok, type Result } from '../result.js';

type X509Certificate = InstanceType<typeof x509.X509Certificate>;

/**
 * Everything about a certificate an API may show. Built field by field from the certificate,
 * so no private key can ever end up in it.
 */
export interface CertificateMetadata {
  subject: string;
  issuer: string;
  /** Hex, lower case, as @peculiar/x509 reports it. */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** e.g. "EC P-256", "RSA 2048". */
  keyAlgorithm: string;
  fingerprintSha256: string;
}

/**
 * SHA-256 of the DER certificate (e.g. `peerCertificate.raw`) as upper-case hex pairs joined by colons, e.g. "AB:01:...".
 * That is exactly Node's `tlsSocket.getPeerCertificate().fingerprint256` and what
 * `openssl x509 -noout -fingerprint -sha256` prints, so the mTLS listener and an operator
 * can compare it with no conversion.
 */
export async function fingerprintSha256(der: ArrayBuffer | ArrayBufferView): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

export async function metadataOf(cert: X509Certificate): Promise<CertificateMetadata> {
  const profile = profileOf(cert.publicKey.algorithm);
  return {
    subject: readableName(cert.subjectName),
    issuer: readableName(cert.issuerName),
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    keyAlgorithm: profile.ok ? profile.value.label : cert.publicKey.algorithm.name,
    fingerprintSha256: await fingerprintSha256(cert.rawData),
  };
}

/** Metadata of the first certificate in `pem`. */
export async function certificateMetadata(pem: string): Promise<Result<CertificateMetadata, CertificateError>> {
  const cert = parseCertificatePem(pem);
  if (!cert.ok) return cert;
  try {
    return ok(await metadataOf(cert.value));
  } catch {
    return err(certificateError('not_pem', 'the certificate could not be read'));
  }
}
