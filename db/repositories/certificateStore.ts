import type { Kysely } from 'kysely';
import type { CertificateStore, NewCertificate, StoredCertificate } from '../../activities/certificates.js';
import type { Database } from '../schema.js';
import type { CertificateRow } from '../tables/partners.js';

const toStored = (r: CertificateRow): StoredCertificate => ({
  id: r.id,
  partnerId: r.partner_id!,
  status: r.status,
  certificatePem: r.cert_pem!,
  encryptedPrivateKey: r.encrypted_key!,
  fingerprintSha256: r.fingerprint!,
  notBefore: r.not_before!,
  notAfter: r.not_after!,
  predecessorId: r.predecessor_id,
});

/** The rotation workflow's store over the certificates table (our per-partner client certificates). */
export function createPgCertificateStore(db: Kysely<Database>, masterKeyId: string): CertificateStore {
  const byId = (id: string) => db.selectFrom('certificates').selectAll().where('id', '=', id).where('purpose', '=', 'client');
  return {
    async getCertificate(id) {
      const row = await byId(id).executeTakeFirst();
      return row && toStored(row);
    },
    async findSuccessor(id) {
      const row = await db.selectFrom('certificates').selectAll().where('predecessor_id', '=', id).executeTakeFirst();
      return row && toStored(row);
    },
    async insertCertificate(c: NewCertificate) {
      const row = await db
        .insertInto('certificates')
        .values({
          partner_id: c.partnerId,
          purpose: 'client',
          status: 'pending',
          cert_pem: c.certificatePem,
          encrypted_key: c.encryptedPrivateKey,
          master_key_id: masterKeyId,
          fingerprint: c.fingerprintSha256,
          not_before: c.notBefore,
          not_after: c.notAfter,
          predecessor_id: c.predecessorId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    // The successor becomes the one the router presents; the predecessor stays usable as 'retiring'.
    async activate(id, at) {
      await db.transaction().execute(async (trx) => {
        const row = await trx.updateTable('certificates').set({ status: 'active', activated_at: at }).where('id', '=', id).where('status', '=', 'pending').returning('predecessor_id').executeTakeFirst();
        if (row?.predecessor_id) await trx.updateTable('certificates').set({ status: 'retiring' }).where('id', '=', row.predecessor_id).where('status', '=', 'active').execute();
      });
    },
    async retire(id, at) {
      await db.updateTable('certificates').set({ status: 'retired', retired_at: at }).where('id', '=', id).where('status', '!=', 'retired').execute();
    },
  };
}
