import { sql, type Kysely } from 'kysely';
import {
  createCa,
  createMasterKeyCheck,
  encryptAtRest,
  parseMasterKey,
  verifyMasterKeyCheck,
  decryptAtRestText,
  type CertificateWithKey,
  type MasterKey,
} from '../domain/certificates/index.js';
import { findActiveCertificate, findCertificate, insertCertificate } from './repositories/certificates.js';
import { putSettingOnce } from './repositories/settings.js';
import type { Database } from './schema.js';

export interface Installation {
  master: MasterKey;
  caCertificateId: string;
}

export class InstallationError extends Error {
  override name = 'InstallationError';
}

const CA_YEARS = 10;

/**
 * Run by every process at start: refuses a VRS_MASTER_KEY other than the one this installation
 * was set up with, and creates the installation CA on first start. An advisory lock makes
 * concurrent first starts (api and worker together) agree on one CA.
 */
export async function ensureInstallation(
  db: Kysely<Database>,
  options: { masterKey: string | undefined; vrsName: string; now?: Date },
): Promise<Installation> {
  const master = await parseMasterKey(options.masterKey);
  if (!master.ok) throw new InstallationError(master.error.message);
  const check = await putSettingOnce(db, 'master_key_check', await createMasterKeyCheck(master.value));
  const verified = await verifyMasterKeyCheck(master.value, check);
  if (!verified.ok) throw new InstallationError(verified.error.message);

  const caCertificateId = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('vrs installation ca'))`.execute(trx);
    const existing = await findActiveCertificate(trx, 'ca');
    if (existing) return existing.id;
    const now = options.now ?? new Date();
    const notAfter = new Date(now);
    notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_YEARS);
    const ca = await createCa({
      commonName: `${options.vrsName} installation CA`,
      organization: options.vrsName,
      notBefore: now,
      notAfter,
    });
    if (!ca.ok) throw new InstallationError(`cannot create the installation CA: ${ca.error.message}`);
    const stored = await insertCertificate(trx, {
      partnerId: null,
      purpose: 'ca',
      status: 'active',
      certificatePem: ca.value.certificatePem,
      encryptedKey: await encryptAtRest(master.value, ca.value.privateKeyPem),
      masterKeyId: master.value.keyId,
      subject: `CN=${options.vrsName} installation CA`,
      notBefore: now,
      notAfter,
    });
    return stored.id;
  });
  return { master: master.value, caCertificateId };
}

/** The installation CA with its key opened, for issuing; only ever held in memory. */
export async function loadInstallationCa(
  db: Kysely<Database>,
  installation: Installation,
): Promise<CertificateWithKey> {
  const ca = await findCertificate(db, installation.caCertificateId);
  const key = ca?.encryptedKey ? await decryptAtRestText(installation.master, ca.encryptedKey) : undefined;
  if (!ca?.certificatePem || !key?.ok)
    throw new InstallationError(`cannot open the installation CA${key && !key.ok ? `: ${key.error.message}` : ''}`);
  return { certificatePem: ca.certificatePem, privateKeyPem: key.value };
}
