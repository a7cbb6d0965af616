import type { Kysely } from 'kysely';
import {
  encryptAtRest,
  fingerprintSha256,
  issueClientCertificate,
  type ClientIdentity,
} from '../domain/certificates/index.js';
import { x509 } from '../domain/certificates/x509.js';
import { loadInstallationCa, type Installation } from './installation.js';
import { findActiveCertificate, insertCertificate, setCertificateStatus } from './repositories/certificates.js';
import type { Database } from './schema.js';

const DAY_MS = 86_400_000;
const VALID_DAYS = 397; // the longest TLS server certificate lifetime clients commonly accept
const RENEW_WITHIN_DAYS = 30;

/**
 * The peer listener's TLS server certificate, issued by our CA when absent or close to expiry.
 * Operators with a certificate from another CA store it as the active 'server' certificate instead.
 */
export async function ensureServerCertificate(
  db: Kysely<Database>,
  installation: Installation,
  identity: ClientIdentity,
  now = new Date(),
): Promise<string> {
  const current = await findActiveCertificate(db, 'server');
  if (current?.notAfter && current.notAfter.getTime() - now.getTime() > RENEW_WITHIN_DAYS * DAY_MS) return current.id;

  const ca = await loadInstallationCa(db, installation);
  const caNotAfter = new x509.X509Certificate(ca.certificatePem).notAfter;
  const notAfter = new Date(Math.min(now.getTime() + VALID_DAYS * DAY_MS, caNotAfter.getTime()));
  const issued = await issueClientCertificate({
    ca,
    identity,
    notBefore: now,
    notAfter,
    usage: 'serverAuth',
  });
  if (!issued.ok) throw new Error(`cannot issue the server certificate: ${issued.error.message}`);
  const der = new x509.X509Certificate(issued.value.certificatePem).rawData;
  const stored = await db.transaction().execute(async (trx) => {
    const created = await insertCertificate(trx, {
      partnerId: null,
      purpose: 'server',
      status: 'active',
      certificatePem: issued.value.certificatePem,
      chainPem: ca.certificatePem,
      encryptedKey: await encryptAtRest(installation.master, issued.value.privateKeyPem),
      masterKeyId: installation.master.keyId,
      fingerprint: await fingerprintSha256(der),
      subject: `CN=${identity.host}`,
      notBefore: now,
      notAfter,
    });
    if (current) await setCertificateStatus(trx, current.id, 'retired');
    return created;
  });
  return stored.id;
}
