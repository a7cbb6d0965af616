import { ApplicationFailure } from '@temporalio/common';
import {
  certificateMetadata,
  encryptAtRest,
  issueClientCertificate,
  type CertificateWithKey,
  type ClientIdentity,
  type KeyAlgorithm,
  type MasterKey,
} from '../domain/certificates/index.js';

// The same states as the certificates table; 'retiring' is an old certificate in its overlap.
export type CertificateStatus = 'pending' | 'active' | 'retiring' | 'retired';

/** A partner connection's client certificate as the store keeps it. */
export interface StoredCertificate {
  id: string;
  partnerId: string;
  status: CertificateStatus;
  certificatePem: string;
  /** The PKCS#8 PEM sealed by encryptAtRest (`v1:<keyId>:<iv>:<ct>`); never stored in clear. */
  encryptedPrivateKey: string;
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
  /** The certificate this one succeeds; at most one successor per certificate. */
  predecessorId: string | null;
}

export type NewCertificate = Omit<StoredCertificate, 'id' | 'status'>;

/** What rotation needs from storage; the Postgres repository implements the same interface. */
export interface CertificateStore {
  getCertificate(id: string): Promise<StoredCertificate | undefined>;
  /** The certificate inserted with `predecessorId = id`, if any: makes issueSuccessor safe to retry. */
  findSuccessor(id: string): Promise<StoredCertificate | undefined>;
  /** Inserts with status 'pending' and returns the new id. */
  insertCertificate(certificate: NewCertificate): Promise<string>;
  /**
   * pending -> active; a no-op when already active. The predecessor must stay usable (active, or
   * 'retiring' if the store marks the overlap) until retire() is called for it.
   */
  activate(id: string, at: Date): Promise<void>;
  /** -> retired; a no-op when already retired. */
  retire(id: string, at: Date): Promise<void>;
}

export interface CertificateActivityDeps {
  store: CertificateStore;
  masterKey: MasterKey;
  /** The installation CA with its private key decrypted. */
  loadCa(): Promise<CertificateWithKey>;
  /** Our host, organisation and GLN as partners see them. */
  identity: ClientIdentity;
  /** Lifetime of each issued certificate, e.g. 90 days. */
  validityMs: number;
  keyAlgorithm?: KeyAlgorithm;
}

/** What the workflow may see (it lands in Temporal history): never a key, not even encrypted. */
export interface CertificateSummary {
  id: string;
  partnerId: string;
  status: CertificateStatus;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
}

/** Inputs carry the workflow's time, so dates follow workflow time and retries do not shift them. */
export interface AtInput {
  certificateId: string;
  at: string;
}

// Backdated a little so a partner whose clock runs behind accepts a certificate used at once.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export const createCertificateActivities = (deps: CertificateActivityDeps) => ({
  async readCertificate(certificateId: string): Promise<CertificateSummary | null> {
    const c = await deps.store.getCertificate(certificateId);
    if (!c) return null;
    const { id, partnerId, status, fingerprintSha256 } = c;
    return { id, partnerId, status, fingerprintSha256, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString() };
  },

  /** A new key and certificate for the same partner connection, stored 'pending'; returns its id. */
  async issueSuccessor(input: AtInput): Promise<string> {
    const existing = await deps.store.findSuccessor(input.certificateId);
    if (existing) return existing.id;
    const old = await deps.store.getCertificate(input.certificateId);
    if (!old) throw ApplicationFailure.nonRetryable(`certificate ${input.certificateId} does not exist`, 'CertificateNotFound');

    const ca = await deps.loadCa();
    const caMetadata = await certificateMetadata(ca.certificatePem);
    if (!caMetadata.ok) throw ApplicationFailure.nonRetryable(`installation CA: ${caMetadata.error.message}`, `certificate.${caMetadata.error.code}`);
    const notBefore = new Date(Math.max(Date.parse(input.at) - CLOCK_SKEW_MS, Date.parse(caMetadata.value.notBefore)));
    const notAfter = new Date(notBefore.getTime() + deps.validityMs);
    const issued = await issueClientCertificate({ ca, identity: deps.identity, notBefore, notAfter, algorithm: deps.keyAlgorithm });
    // Bad parameters or an expiring CA do not heal by retrying: fail the workflow with the reason.
    if (!issued.ok) throw ApplicationFailure.nonRetryable(issued.error.message, `certificate.${issued.error.code}`);
    const metadata = await certificateMetadata(issued.value.certificatePem);
    if (!metadata.ok) throw ApplicationFailure.nonRetryable(metadata.error.message, `certificate.${metadata.error.code}`);

    return deps.store.insertCertificate({
      partnerId: old.partnerId,
      certificatePem: issued.value.certificatePem,
      encryptedPrivateKey: await encryptAtRest(deps.masterKey, issued.value.privateKeyPem),
      fingerprintSha256: metadata.value.fingerprintSha256,
      notBefore,
      notAfter,
      predecessorId: old.id,
    });
  },

  async activateCertificate(input: AtInput): Promise<void> {
    await deps.store.activate(input.certificateId, new Date(input.at));
  },

  async retireCertificate(input: AtInput): Promise<void> {
    await deps.store.retire(input.certificateId, new Date(input.at));
  },
});
