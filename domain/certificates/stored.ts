/**
 * One certificate as this installation keeps it: the installation CA, our peer server
 * certificate, our client certificates (one chain per partner) and the partners' registered
 * client certificates all share this shape and the one `certificates` table.
 */
export type CertificatePurpose = 'ca' | 'client' | 'server' | 'partner-client';

/** 'pending' awaits a CSR answer or its activation; 'retiring' is an old certificate in its overlap. */
export type CertificateStatus = 'pending' | 'active' | 'retiring' | 'retired';

/** A stored certificate; `encryptedKey` stays sealed until the one place that uses it. */
export interface StoredCertificate {
  id: string;
  partnerId: string | null;
  purpose: CertificatePurpose;
  status: CertificateStatus;
  certificatePem: string | null;
  csrPem: string | null;
  /** The PKCS#8 PEM sealed by encryptAtRest (`v1:<keyId>:<iv>:<ct>`); never stored in clear. */
  encryptedKey: string | null;
  /** SHA-256 of the DER certificate, as fingerprintSha256 prints it. */
  fingerprint: string | null;
  subject: string | null;
  notBefore: Date | null;
  notAfter: Date | null;
  /** The certificate this one succeeds; at most one successor per certificate. */
  predecessorId: string | null;
  activatedAt: Date | null;
  retiredAt: Date | null;
}

export interface NewCertificate {
  partnerId: string | null;
  purpose: CertificatePurpose;
  status: CertificateStatus;
  certificatePem?: string | null;
  chainPem?: string | null;
  csrPem?: string | null;
  encryptedKey?: string | null;
  masterKeyId?: string | null;
  fingerprint?: string | null;
  subject?: string | null;
  notBefore?: Date | null;
  notAfter?: Date | null;
  predecessorId?: string | null;
}
