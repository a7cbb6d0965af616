import { profileOf, type KeyProfile } from './algorithms.js';
import { blame, certificateError, type CertificateError } from './errors.js';
import { encodePem, parsePrivateKeyPem } from './pem.js';
import type { x509 } from './x509.js';
import type { CryptoKey } from './webcrypto.js';
import { err, ok, type Result } from '../result.js';

type X509Certificate = InstanceType<typeof x509.X509Certificate>;

export interface CertificateKey {
  privateKey: CryptoKey;
  profile: KeyProfile;
}

export async function exportPrivateKeyPem(key: CryptoKey): Promise<string> {
  return encodePem(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/**
 * Imports `privateKeyPem` (PKCS#8, SEC1 or PKCS#1) as the key of `certificate` and proves they belong together by
 * signing a random nonce and verifying it with the certificate's public key: comparing
 * public key bytes would not catch a PKCS#8 that carries a wrong or no public key.
 */
export async function importKeyForCertificate(
  privateKeyPem: string,
  certificate: X509Certificate,
): Promise<Result<CertificateKey, CertificateError>> {
  const profile = blame(profileOf(certificate.publicKey.algorithm), 'certificatePem');
  if (!profile.ok) return profile;
  const der = blame(parsePrivateKeyPem(privateKeyPem), 'privateKeyPem');
  if (!der.ok) return der;
  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey('pkcs8', der.value, profile.value.importParams, true, ['sign']);
  } catch {
    return err(
      certificateError(
        'key_mismatch',
        `the private key is not an ${profile.value.label} key like the certificate's`,
        'privateKeyPem',
      ),
    );
  }
  const matches = await signsForCertificate(privateKey, certificate, profile.value);
  if (!matches)
    return err(
      certificateError('key_mismatch', "the private key does not match the certificate's public key", 'privateKeyPem'),
    );
  return ok({ privateKey, profile: profile.value });
}

async function signsForCertificate(
  privateKey: CryptoKey,
  certificate: X509Certificate,
  profile: KeyProfile,
): Promise<boolean> {
  const nonce = crypto.getRandomValues(new Uint8Array(32));
  try {
    const signature = await crypto.subtle.sign(profile.signParams, privateKey, nonce);
    const publicKey = await certificate.publicKey.export(profile.importParams, ['verify']);
    return await crypto.subtle.verify(profile.signParams, publicKey, signature, nonce);
  } catch {
    return false;
  }
}
