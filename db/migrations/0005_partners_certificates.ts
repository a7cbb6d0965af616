import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('partners')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gln', 'char(13)', (c) => c.notNull().unique())
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('directory_url', 'text')
    .addColumn('ca_pem', 'text', (c) => c.notNull())
    .addColumn('directory_cursor', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Private keys are stored only encrypted (AES-256-GCM under VRS_MASTER_KEY, key id kept for re-keying).
  await db.schema
    .createTable('certificates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('partner_id', 'uuid', (c) => c.references('partners.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) =>
      c.notNull().check(sql`purpose in ('ca', 'client', 'server', 'partner-client')`),
    )
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'active', 'retiring', 'retired')`))
    .addColumn('cert_pem', 'text')
    .addColumn('chain_pem', 'text')
    .addColumn('csr_pem', 'text')
    .addColumn('encrypted_key', 'text')
    .addColumn('master_key_id', 'text')
    .addColumn('fingerprint', 'text')
    .addColumn('subject', 'text')
    .addColumn('not_before', 'timestamptz')
    .addColumn('not_after', 'timestamptz')
    .addColumn('predecessor_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('activated_at', 'timestamptz')
    .addColumn('retired_at', 'timestamptz')
    // One certificate may be both ours and registered as a partner's (a loop-back partner).
    .addUniqueConstraint('certificates_purpose_fingerprint_uq', ['purpose', 'fingerprint'])
    .execute();
  await db.schema
    .createIndex('certificates_partner_idx')
    .on('certificates')
    .columns(['partner_id', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificates').execute();
  await db.schema.dropTable('partners').execute();
}
