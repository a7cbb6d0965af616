import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import {
  certificateMetadata,
  encryptAtRest,
  issueClientCertificate,
  type CertificateWithKey,
  type ClientIdentity,
  type KeyAlgorithm,
  type CertificateStatus,
  type MasterKey,
  type NewCertificate,
  type StoredCertificate,
} from '../domain/certificates/index.js';
import {
  activateSuccessor,
  findCertificate,
  findSuccessor,
  insertCertificate,
  retireCertificate,
} from '../db/repositories/certificates.js';
import type { Database } from '../db/schema.js';

/** What rotation needs from storage: the certificates repository bound to a database. */
export interface CertificateStore {
  findCertificate(id: string): Promise<StoredCertificate | undefined>;
  /** The certificate inserted with `predecessorId = id`, if any: makes issueSuccessor safe to retry. */
  findSuccessor(id: string): Promise<StoredCertificate | undefined>;
  insertCertificate(certificate: NewCertificate): Promise<StoredCertificate>;
  /**
   * pending -> active; a no-op when already active. The predecessor must stay usable (active, or
   * 'retiring' if the store marks the overlap) until retireCertificate() is called for it.
   */
  activateSuccessor(id: string, at: Date): Promise<void>;
  /** -> retired; a no-op when already retired. */
  retireCertificate(id: string, at: Date): Promise<void>;
}

export const pgCertificateStore = (db: Kysely<Database>): CertificateStore => ({
  findCertificate: (id) => findCertificate(db, id),
  findSuccessor: (id) => findSuccessor(db, id),
  insertCertificate: (certificate) => insertCertificate(db, certificate),
  activateSuccessor: (id, at) => activateSuccessor(db, id, at),
  retireCertificate: (id, at) => retireCertificate(db, id, at),
});

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

/** Our client certificate for a partner connection, with what rotation reads from it; other rows are not rotated. */
function rotatable(c: StoredCertificate | undefined) {
  if (!c || c.purpose !== 'client' || !c.partnerId || !c.notBefore || !c.notAfter || !c.fingerprint) return undefined;
  return { ...c, partnerId: c.partnerId, notBefore: c.notBefore, notAfter: c.notAfter, fingerprint: c.fingerprint };
}

export const createCertificateActivities = (deps: CertificateActivityDeps) => ({
  async readCertificate(certificateId: string): Promise<CertificateSummary | null> {
    const c = rotatable(await deps.store.findCertificate(certificateId));
    if (!c) return null;
    return {
      id: c.id,
      partnerId: c.partnerId,
      status: c.status,
      fingerprintSha256: c.fingerprint,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
    };
  },

  /** A new key and certificate for the same partner connection, stored 'pending'; returns its id. */
  async issueSuccessor(input: AtInput): Promise<string> {
    const existing = await deps.store.findSuccessor(input.certificateId);
    if (existing) return existing.id;
    const old = rotatable(await deps.store.findCertificate(input.certificateId));
    if (!old)
      throw ApplicationFailure.nonRetryable(`certificate ${input.certificateId} does not exist`, 'CertificateNotFound');

    const ca = await deps.loadCa();
    const caMetadata = await certificateMetadata(ca.certificatePem);
    if (!caMetadata.ok)
      throw ApplicationFailure.nonRetryable(
        `installation CA: ${caMetadata.error.message}`,
        `certificate.${caMetadata.error.code}`,
      );
    const notBefore = new Date(Math.max(Date.parse(input.at) - CLOCK_SKEW_MS, Date.parse(caMetadata.value.notBefore)));
    const notAfter = new Date(notBefore.getTime() + deps.validityMs);
    const issued = await issueClientCertificate({
      ca,
      identity: deps.identity,
      notBefore,
      notAfter,
      algorithm: deps.keyAlgorithm,
    });
    // Bad parameters or an expiring CA do not heal by retrying: fail the workflow with the reason.
    if (!issued.ok) throw ApplicationFailure.nonRetryable(issued.error.message, `certificate.${issued.error.code}`);
    const metadata = await certificateMetadata(issued.value.certificatePem);
    if (!metadata.ok)
      throw ApplicationFailure.nonRetryable(metadata.error.message, `certificate.${metadata.error.code}`);

    const successor = await deps.store.insertCertificate({
      partnerId: old.partnerId,
      purpose: 'client',
      status: 'pending',
      certificatePem: issued.value.certificatePem,
      encryptedKey: await encryptAtRest(deps.masterKey, issued.value.privateKeyPem),
      masterKeyId: deps.masterKey.keyId,
      fingerprint: metadata.value.fingerprintSha256,
      subject: metadata.value.subject,
      notBefore,
      notAfter,
      predecessorId: old.id,
    });
    return successor.id;
  },

  async activateCertificate(input: AtInput): Promise<void> {
    await deps.store.activateSuccessor(input.certificateId, new Date(input.at));
  },

  async retireCertificate(input: AtInput): Promise<void> {
    await deps.store.retireCertificate(input.certificateId, new Date(input.at));
  },
});
