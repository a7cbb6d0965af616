import { certificateError, type CertificateError } from './errors.js';
import type {
  Algorithm,
  CryptoKeyPair,
  EcdsaParams,
  EcKeyAlgorithm,
  EcKeyGenParams,
  EcKeyImportParams,
  RsaHashedImportParams,
  RsaHashedKeyGenParams,
  RsaKeyAlgorithm,
} from './webcrypto.js';
import { err, ok, type Result } from '../result.js';

/** Keys we generate. EC P-256 is the default (small, fast, what partners expect); RSA for old peers. */
export type KeyAlgorithm = 'ec-p256' | 'rsa-2048';
export const DEFAULT_KEY_ALGORITHM: KeyAlgorithm = 'ec-p256';

/** How WebCrypto must be told to import, sign and verify with one kind of key. */
export interface KeyProfile {
  /** Shown to operators, e.g. "EC P-256" or "RSA 2048". */
  label: string;
  importParams: EcKeyImportParams | RsaHashedImportParams;
  /** Also names the signature algorithm of certificates this key signs (always SHA-2). */
  signParams: EcdsaParams | RsaHashedImportParams;
}

const RSA_EXPONENT = new Uint8Array([1, 0, 1]);
const SHA256 = 'SHA-256';

export function generationParams(algorithm: KeyAlgorithm): EcKeyGenParams | RsaHashedKeyGenParams {
  return algorithm === 'rsa-2048'
    ? { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: RSA_EXPONENT, hash: SHA256 }
    : { name: 'ECDSA', namedCurve: 'P-256' };
}

/** Extractable, because the private key is exported once (PKCS#8) to be encrypted at rest. */
export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(generationParams(algorithm), true, ['sign', 'verify']);
}

const EC_HASH: Record<string, string> = { 'P-256': 'SHA-256', 'P-384': 'SHA-384', 'P-521': 'SHA-512' };
const MIN_RSA_BITS = 2048;

/**
 * The profile for a public key as @peculiar/x509 describes it (`cert.publicKey.algorithm`).
 * Accepts what TLS peers commonly use: ECDSA P-256/384/521 and RSA of at least 2048 bits.
 */
export function profileOf(algorithm: Algorithm): Result<KeyProfile, CertificateError> {
  const a = algorithm as Partial<EcKeyAlgorithm & RsaKeyAlgorithm> & Algorithm;
  const ecHash = a.namedCurve === undefined ? undefined : EC_HASH[a.namedCurve];
  if (a.name === 'ECDSA' && a.namedCurve && ecHash) {
    return ok({
      label: `EC ${a.namedCurve}`,
      importParams: { name: 'ECDSA', namedCurve: a.namedCurve },
      signParams: { name: 'ECDSA', hash: ecHash },
    });
  }
  if (a.name === 'RSASSA-PKCS1-v1_5' && typeof a.modulusLength === 'number') {
    if (a.modulusLength < MIN_RSA_BITS) {
      return err(
        certificateError(
          'unsupported_key',
          `RSA ${a.modulusLength} is too weak; at least ${MIN_RSA_BITS} bits are required`,
        ),
      );
    }
    return ok({
      label: `RSA ${a.modulusLength}`,
      importParams: { name: 'RSASSA-PKCS1-v1_5', hash: SHA256 },
      signParams: { name: 'RSASSA-PKCS1-v1_5', hash: SHA256 },
    });
  }
  const detail = a.namedCurve ? `${a.name} ${a.namedCurve}` : a.name;
  return err(certificateError('unsupported_key', `unsupported key algorithm ${detail}; use EC P-256 or RSA 2048+`));
}
