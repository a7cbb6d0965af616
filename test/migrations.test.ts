import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMigrator, migrateDownAll, migrateToLatest } from '../db/migrate.js';
import { serialTableOf } from '../db/serialSync/serialTables.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

describe('migrations', () => {
  let ctx: TestDatabase;
  beforeAll(async () => {
    ctx = await createTestDatabase({ migrated: false });
  });
  afterAll(() => ctx.drop());

  const tables = async () =>
    (
      await sql<{
        tablename: string;
      }>`select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely_%'`.execute(ctx.db)
    ).rows
      .map((r) => r.tablename)
      .sort();

  test('up creates every core table, down removes them, up again works', async () => {
    await migrateToLatest(ctx.db);
    expect(await tables()).toEqual(
      [
        'api_keys',
        'atp_exchanges',
        'atp_wallets',
        'certificates',
        'companies',
        'company_prefixes',
        'devices',
        'directory_conflicts',
        'directory_entries',
        'directory_pulls',
        'history_export_chunks',
        'history_exports',
        'installation_settings',
        'network_products',
        'network_serials',
        'partners',
        'rules',
        'serial_load_catchup',
        'serial_load_parts',
        'serial_loads',
        'serial_update_leases',
        'serial_update_queue',
        'source_product_sync',
        'source_products',
        'source_serial_events',
        'sync_runs',
        'upload_errors',
        'uploads',
        'verification_history',
        'verification_history_default',
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

  test('0012 moves the serials of an existing install into one partition per producer', async () => {
    await migrateDownAll(ctx.db);
    await createMigrator(ctx.db).migrateTo('0011_source_product_sync');
    const producers = await Promise.all(
      ['0614141000005', '0312345000011'].map(
        async (gln) =>
          (
            await sql<{
              id: string;
            }>`insert into companies (name, gln, roles) values (${gln}, ${gln}, '{producer}') returning id`.execute(
              ctx.db,
            )
          ).rows[0]!.id,
      ),
    );
    for (const [i, id] of producers.entries()) {
      await sql`insert into network_serials (gtin, serial, producer_company_id, lot, expiry, expiry_date, status, event_time, event_id)
        values ('00305910369019', ${`S${i}`}, ${id}, 'L1', '281231', '2028-12-31', 'commissioned', now(), 'e')`.execute(
        ctx.db,
      );
    }
    await migrateToLatest(ctx.db);
    for (const [i, id] of producers.entries()) {
      const { rows } = await sql<{ serial: string }>`select serial from ${sql.table(serialTableOf(id))}`.execute(
        ctx.db,
      );
      expect(rows).toEqual([{ serial: `S${i}` }]);
    }
    expect((await sql<{ n: number }>`select count(*)::int as n from network_serials`.execute(ctx.db)).rows[0]!.n).toBe(
      2,
    );
    await migrateDownAll(ctx.db);
    await migrateToLatest(ctx.db);
  });

  test('0014 registers prefixes of an existing install: the first company keeps an overlapping one', async () => {
    await migrateDownAll(ctx.db);
    await createMigrator(ctx.db).migrateTo('0013_serial_update_queue');
    const insert = async (gln: string, prefixes: string[], createdAt: string) =>
      (
        await sql<{ id: string }>`insert into companies (name, gln, roles, company_prefixes, created_at)
        values (${gln}, ${gln}, '{producer}', ${prefixes}, ${createdAt}) returning id`.execute(ctx.db)
      ).rows[0]!.id;
    const first = await insert('0614141000005', ['0312345', '03123456'], '2026-01-01T00:00:00Z');
    const second = await insert('0312345000011', ['03123456', '0361414'], '2026-01-02T00:00:00Z');
    const third = await insert('0361414000001', ['0312345'], '2026-01-03T00:00:00Z');
    await migrateToLatest(ctx.db);
    const registry = await ctx.db
      .selectFrom('company_prefixes')
      .select(['prefix', 'company_id'])
      .orderBy('prefix')
      .execute();
    expect(registry).toEqual([
      { prefix: '0312345', company_id: first },
      { prefix: '0361414', company_id: second },
    ]);
    // The old lists are kept as written; rewriting a contested prefix is refused, dropping it works.
    expect(
      (
        await ctx.db
          .selectFrom('companies')
          .select('company_prefixes')
          .where('id', '=', third)
          .executeTakeFirstOrThrow()
      ).company_prefixes,
    ).toEqual(['0312345']);
    await expect(
      ctx.db
        .updateTable('companies')
        .set({ company_prefixes: ['03123456', '0361414'] })
        .where('id', '=', second)
        .execute(),
    ).rejects.toMatchObject({ code: '23P01' });
    await ctx.db
      .updateTable('companies')
      .set({ company_prefixes: ['0361414', '0361415'] })
      .where('id', '=', second)
      .execute();
    expect(
      await ctx.db
        .selectFrom('company_prefixes')
        .select('prefix')
        .where('company_id', '=', second)
        .orderBy('prefix')
        .execute(),
    ).toEqual([{ prefix: '0361414' }, { prefix: '0361415' }]);
    await migrateDownAll(ctx.db);
    await migrateToLatest(ctx.db);
  });
});
