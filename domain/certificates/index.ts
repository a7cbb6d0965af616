// Certificates: pure computation (WebCrypto + @peculiar/x509), no I/O and no clock: callers pass `now`.

// --- Keys, names and errors
export { DEFAULT_KEY_ALGORITHM, type KeyAlgorithm } from './algorithms.js';
export type { CertificateError, CertificateErrorCode } from './errors.js';
export { SERIAL_NUMBER_OID, validateIdentity, type ClientIdentity } from './identity.js';
export type { CertificateWithKey } from './issuer.js';
export type { CertificatePurpose, CertificateStatus, NewCertificate, StoredCertificate } from './stored.js';

// --- Making certificates
export { createCa, type CaParams } from './ca.js';
export { issueClientCertificate, type IssueParams } from './issue.js';
export { acceptSignedCertificate, createCsr, signCsr, type PendingCsr } from './csr.js';

// --- Reading and checking certificates
export { validateClientCertificate, type ValidateParams, type ValidatedCertificate } from './validate.js';
export { certificateMetadata, fingerprintSha256, type CertificateMetadata } from './fingerprint.js';
export { isIssuedBy } from './chain.js';

// --- Private keys at rest
export {
  decryptAtRest,
  decryptAtRestText,
  encryptAtRest,
  parseMasterKey,
  reencrypt,
  sealedKeyId,
  type KeyEncryptionError,
  type KeyEncryptionErrorCode,
  type MasterKey,
} from './keyEncryption.js';
export { createMasterKeyCheck, verifyMasterKeyCheck } from './masterKeyCheck.js';

// --- Rotation timeline
export {
  checkRotationWindow,
  DEFAULT_OVERLAP_MS,
  DEFAULT_RENEW_BEFORE_MS,
  msUntil,
  overlapEndsAt,
  renewAt,
} from './renewal.js';
