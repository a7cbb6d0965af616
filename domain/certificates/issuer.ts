import { certificateError, type CertificateError } from './errors.js';
import { importKeyForCertificate, type CertificateKey } from './keys.js';
import { parseCertificatePem } from './pem.js';
import { x509 } from './x509.js';
import { err, ok, type Result } from '../result.js';

/** A certificate and its private key as we store them (the key decrypted, PKCS#8 PEM). */
export interface CertificateWithKey {
  certificatePem: string;
  privateKeyPem: string;
}

export interface LoadedIssuer {
  certificate: InstanceType<typeof x509.X509Certificate>;
  key: CertificateKey;
}

/** Parses a CA and its key for signing, refusing anything that is not a CA allowed to sign. */
export async function loadIssuer(ca: CertificateWithKey): Promise<Result<LoadedIssuer, CertificateError>> {
  const certificate = parseCertificatePem(ca.certificatePem);
  if (!certificate.ok) return certificate;
  const constraints = certificate.value.getExtension(x509.BasicConstraintsExtension);
  const usage = certificate.value.getExtension(x509.KeyUsagesExtension);
  if (!constraints?.ca || (usage && !(usage.usages & x509.KeyUsageFlags.keyCertSign))) {
    return err(certificateError('invalid_input', 'the issuer certificate is not a CA allowed to sign certificates'));
  }
  const key = await importKeyForCertificate(ca.privateKeyPem, certificate.value);
  if (!key.ok) return key;
  return ok({ certificate: certificate.value, key: key.value });
}
