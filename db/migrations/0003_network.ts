import { sql, type Kysely } from 'kysely';

// The shared network read tables. Only workflows write them; verify reads them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('network_products')
    .addColumn('gtin', 'char(14)', (c) => c.primaryKey())
    .addColumn('producer_company_id', 'uuid', (c) => c.notNull().references('companies.id'))
    .addColumn('producer_gln', 'char(13)', (c) => c.notNull())
    .addColumn('ndc10', 'text')
    .addColumn('ndc11', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('source_hash', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A product no longer selected is withdrawn, not deleted, so history keeps its meaning.
    .addColumn('withdrawn_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('network_products_producer_idx')
    .on('network_products')
    .columns(['producer_company_id', 'gtin'])
    .execute();

  // Verify answers with one primary-key lookup here; flags are precomputed at write time.
  await db.schema
    .createTable('network_serials')
    .addColumn('gtin', 'char(14)', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('producer_company_id', 'uuid', (c) => c.notNull())
    .addColumn('lot', 'text', (c) => c.notNull())
    .addColumn('expiry', 'char(6)', (c) => c.notNull())
    .addColumn('expiry_date', 'date', (c) => c.notNull())
    .addColumn('extended_expiry', 'char(6)')
    .addColumn('extended_expiry_date', 'date')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recalled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('suspect', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('illegitimate', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('expiration_extended', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reason_code', 'text')
    .addColumn('event_time', 'timestamptz', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('network_serials_pk', ['gtin', 'serial'])
    .execute();

  await db.schema
    .createTable('directory_entries')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('gtin', 'char(14)', (c) => c.notNull())
    .addColumn('responder_gln', 'char(13)', (c) => c.notNull())
    // 'local' for our own producers' records, else the partner id that published it.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('partner_id', 'uuid')
    .addColumn('vrs_name', 'text', (c) => c.notNull())
    .addColumn('verification_url', 'text', (c) => c.notNull())
    .addColumn('connectivity_url', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_to', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('directory_entries_gtin_source_uq', ['gtin', 'source'])
    .execute();
  await db.schema
    .createIndex('directory_entries_updated_idx')
    .on('directory_entries')
    .columns(['source', 'updated_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['directory_entries', 'network_serials', 'network_products']) {
    await db.schema.dropTable(table).execute();
  }
}
