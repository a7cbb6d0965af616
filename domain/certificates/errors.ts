import type { Result } from '../result.js';

/**
 * Certificate problems are values with a machine-readable code, so the API can tell an operator
 * exactly what is wrong with an upload instead of echoing a library exception.
 */
export type CertificateErrorCode =
  /** No PEM block of the expected kind, or a block that does not decode. */
  | 'not_pem'
  /** The certificate does not chain to the CA it must chain to. */
  | 'chain_invalid'
  /** The private key does not belong to the certificate's public key. */
  | 'key_mismatch'
  | 'not_yet_valid'
  | 'expired'
  /** Key usage / extended key usage do not allow TLS client authentication. */
  | 'wrong_key_usage'
  /** A key type, curve, size or PEM flavour we cannot import. */
  | 'unsupported_key'
  /** A CSR whose self-signature does not verify. */
  | 'csr_invalid'
  /** Parameters we were given make no sense (validity window, host name, GLN). */
  | 'invalid_input';

export interface CertificateError {
  code: CertificateErrorCode;
  message: string;
  /**
   * The input at fault, named as the caller passed it ('certificatePem', 'privateKeyPem',
   * 'caPem'; 'host', 'organization', 'gln' of an identity), so an API can point at its field.
   */
  field?: string;
}

export const certificateError = (code: CertificateErrorCode, message: string, field?: string): CertificateError => ({
  code,
  message,
  ...(field && { field }),
});

/** `result`, its error blamed on `field` unless it already names one. */
export const blame = <T>(result: Result<T, CertificateError>, field: string): Result<T, CertificateError> =>
  result.ok || result.error.field ? result : { ok: false, error: { ...result.error, field } };
