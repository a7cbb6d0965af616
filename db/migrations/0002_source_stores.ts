import { sql, type Kysely } from 'kysely';

// Each producer's private exchange: what it uploaded and the rules it set.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('master-data', 'serials')`))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('source_products')
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('gtin', 'char(14)', (c) => c.notNull())
    .addColumn('upload_id', 'uuid', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('sync_state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('sync_reason', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('source_products_pk', ['company_id', 'gtin'])
    .execute();

  await db.schema
    .createTable('source_serial_events')
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    // seq gives incremental consumers a stable cursor in arrival order.
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('upload_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('affects_state', 'boolean', (c) => c.notNull())
    .addColumn('gtin', 'char(14)', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('lot', 'text')
    .addColumn('expiry', 'char(6)')
    .addColumn('expiry_date', 'date')
    .addColumn('extended_expiry', 'char(6)')
    .addColumn('extended_expiry_date', 'date')
    .addColumn('status', 'text')
    .addColumn('recalled', 'boolean')
    .addColumn('suspect', 'boolean')
    .addColumn('illegitimate', 'boolean')
    .addColumn('expiration_extended', 'boolean')
    .addColumn('reason_code', 'text')
    .addColumn('event_time', 'timestamptz', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('source_serial_events_pk', ['company_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('source_serial_events_serial_idx')
    .on('source_serial_events')
    .columns(['company_id', 'gtin', 'serial', 'event_time'])
    .execute();
  await db.schema
    .createIndex('source_serial_events_seq_idx')
    .on('source_serial_events')
    .columns(['company_id', 'seq'])
    .execute();

  // kind: master-data | serials | response; gtin '' is the company-wide rule, else a per-GTIN override.
  await db.schema
    .createTable('rules')
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('master-data', 'serials', 'response')`))
    .addColumn('gtin', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('rules_pk', ['company_id', 'kind', 'gtin'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rules', 'source_serial_events', 'source_products', 'uploads']) {
    await db.schema.dropTable(table).execute();
  }
}
