import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrateDownAll, migrateToLatest } from '../db/migrate.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

describe('migrations', () => {
  let ctx: TestDatabase;
  beforeAll(async () => {
    ctx = await createTestDatabase({ migrated: false });
  });
  afterAll(() => ctx.drop());

  const tables = async () =>
    (await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely_%'`.execute(ctx.db)).rows
      .map((r) => r.tablename)
      .sort();

  test('up creates every core table, down removes them, up again works', async () => {
    await migrateToLatest(ctx.db);
    expect(await tables()).toEqual(
      [
        'api_keys', 'certificates', 'companies', 'devices', 'directory_entries', 'installation_settings',
        'network_products', 'network_serials', 'partners', 'rules', 'source_product_sync', 'source_products', 'source_serial_events',
        'sync_runs', 'uploads', 'verification_history', 'verification_history_default',
      ].sort(),
    );
    await migrateDownAll(ctx.db);
    expect(await tables()).toEqual([]);
    expect(await migrateToLatest(ctx.db)).not.toHaveLength(0);
  });

  test('verification_history is partitioned by month-ready range on verified_at', async () => {
    const { rows } = await sql<{ strategy: string }>`
      select partstrat as strategy from pg_partitioned_table p join pg_class c on c.oid = p.partrelid
      where c.relname = 'verification_history'`.execute(ctx.db);
    expect(rows).toEqual([{ strategy: 'r' }]);
  });
});
