import type { Kysely } from 'kysely';
import type {
  CertificatePurpose,
  CertificateStatus,
  NewCertificate,
  StoredCertificate,
} from '../../domain/certificates/index.js';
import type { Database } from '../schema.js';
import type { CertificateRow } from '../tables/partners.js';

const toStored = (r: CertificateRow): StoredCertificate => ({
  id: r.id,
  partnerId: r.partner_id,
  purpose: r.purpose,
  status: r.status,
  certificatePem: r.cert_pem,
  csrPem: r.csr_pem,
  encryptedKey: r.encrypted_key,
  fingerprint: r.fingerprint,
  subject: r.subject,
  notBefore: r.not_before,
  notAfter: r.not_after,
  predecessorId: r.predecessor_id,
  activatedAt: r.activated_at,
  retiredAt: r.retired_at,
});

export async function insertCertificate(db: Kysely<Database>, c: NewCertificate): Promise<StoredCertificate> {
  const row = await db
    .insertInto('certificates')
    .values({
      partner_id: c.partnerId,
      purpose: c.purpose,
      status: c.status,
      cert_pem: c.certificatePem ?? null,
      chain_pem: c.chainPem ?? null,
      csr_pem: c.csrPem ?? null,
      encrypted_key: c.encryptedKey ?? null,
      master_key_id: c.masterKeyId ?? null,
      fingerprint: c.fingerprint ?? null,
      subject: c.subject ?? null,
      not_before: c.notBefore ?? null,
      not_after: c.notAfter ?? null,
      predecessor_id: c.predecessorId ?? null,
      activated_at: c.status === 'active' ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toStored(row);
}

export async function findCertificate(db: Kysely<Database>, id: string): Promise<StoredCertificate | undefined> {
  const row = await db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStored(row);
}

/** The certificate that succeeds `id`, if one was inserted: makes issuing a successor safe to retry. */
export async function findSuccessor(db: Kysely<Database>, id: string): Promise<StoredCertificate | undefined> {
  const row = await db.selectFrom('certificates').selectAll().where('predecessor_id', '=', id).executeTakeFirst();
  return row && toStored(row);
}

/** The newest active certificate of a purpose (and partner): what TLS presents right now. */
export async function findActiveCertificate(
  db: Kysely<Database>,
  purpose: CertificatePurpose,
  partnerId: string | null = null,
): Promise<StoredCertificate | undefined> {
  let query = db.selectFrom('certificates').selectAll().where('purpose', '=', purpose).where('status', '=', 'active');
  query = partnerId === null ? query.where('partner_id', 'is', null) : query.where('partner_id', '=', partnerId);
  const row = await query.orderBy('activated_at', 'desc').executeTakeFirst();
  return row && toStored(row);
}

export async function listCertificates(
  db: Kysely<Database>,
  filter: { partnerId?: string; purposes?: CertificatePurpose[] } = {},
): Promise<StoredCertificate[]> {
  let query = db.selectFrom('certificates').selectAll();
  if (filter.partnerId) query = query.where('partner_id', '=', filter.partnerId);
  if (filter.purposes?.length) query = query.where('purpose', 'in', filter.purposes);
  return (await query.orderBy('created_at').execute()).map(toStored);
}

export async function setCertificateStatus(
  db: Kysely<Database>,
  id: string,
  status: CertificateStatus,
): Promise<StoredCertificate | undefined> {
  const now = new Date();
  const row = await db
    .updateTable('certificates')
    .set({
      status,
      ...(status === 'active' && { activated_at: now }),
      ...(status === 'retired' && { retired_at: now }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toStored(row);
}

/**
 * pending -> active at `at` (a no-op when already active). The predecessor stays usable as
 * 'retiring' until it is retired, so the partner accepts either during the overlap.
 */
export async function activateSuccessor(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('certificates')
      .set({ status: 'active', activated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning('predecessor_id')
      .executeTakeFirst();
    if (row?.predecessor_id)
      await trx
        .updateTable('certificates')
        .set({ status: 'retiring' })
        .where('id', '=', row.predecessor_id)
        .where('status', '=', 'active')
        .execute();
  });
}

/** -> retired at `at`; a no-op when already retired. */
export async function retireCertificate(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db
    .updateTable('certificates')
    .set({ status: 'retired', retired_at: at })
    .where('id', '=', id)
    .where('status', '!=', 'retired')
    .execute();
}
