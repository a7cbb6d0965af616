import { sql, type Kysely } from 'kysely';

// network_serials becomes one partition per producer, itself range-partitioned by GTIN into the
// parts its last backfill loaded side by side (db/serialSync/load.ts): a backfill builds every
// part as a fresh, unindexed table in key order, keys it by sort and swaps the whole tree in.
// Maintaining the key row by row cost more than writing the rows. Verify reads the producer's
// table by name, never the parent, so the number of producers costs it nothing. GTINs and serials
// are identifiers: they compare byte-wise (collation "C"), which also keeps their comparisons cheap.
const hex = (companyId: string) => companyId.replaceAll('-', '');

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table source_serial_events alter column gtin type char(14) collate "C", alter column serial type text collate "C"`.execute(
    db,
  );

  await sql`alter table network_serials rename to network_serials_unpartitioned`.execute(db);
  await sql`alter table network_serials_unpartitioned rename constraint network_serials_pk to network_serials_unpartitioned_pk`.execute(
    db,
  );
  await sql`create table network_serials (like network_serials_unpartitioned including defaults) partition by list (producer_company_id)`.execute(
    db,
  );
  await sql`alter table network_serials alter column gtin type char(14) collate "C", alter column serial type text collate "C"`.execute(
    db,
  );
  const { rows } = await sql<{
    id: string;
  }>`select distinct producer_company_id as id from network_serials_unpartitioned`.execute(db);
  for (const { id } of rows) {
    // As db/serialSync/serialTables.ts ensureSerialTable makes them: one part over every GTIN.
    const table = sql.id(`network_serials_${hex(id)}`);
    await sql`create table ${table} partition of network_serials for values in (${sql.lit(id)}) partition by range (gtin)`.execute(
      db,
    );
    await sql`alter table ${table} add constraint ${sql.id(`network_serials_${hex(id)}_pk`)} primary key (gtin, serial)`.execute(
      db,
    );
    await sql`create table ${sql.id(`serial_part_${hex(id)}_initial_0`)} partition of ${table} for values from (minvalue) to (maxvalue)`.execute(
      db,
    );
    await sql`insert into ${table} select * from network_serials_unpartitioned where producer_company_id = ${id}`.execute(
      db,
    );
  }
  await sql`drop table network_serials_unpartitioned`.execute(db);

  // A backfill's load: one per producer, its part tables (serial_part_...) filled until they are
  // swapped in; then \`swapped\` keeps what the swap reported, so a retried swap answers the same.
  await sql`create table serial_loads (
      company_id uuid primary key references companies (id) on delete cascade,
      run_id text not null,
      created_at timestamptz not null default now(),
      swapped jsonb
    )`.execute(db);
  // Each part: its GTIN range [gtin_from, gtin_to) and keyset cursor, moved in the same
  // transaction as the batch it ends, so a retried activity resumes exactly where the last
  // committed batch stopped.
  await sql`create table serial_load_parts (
      company_id uuid not null references serial_loads (company_id) on delete cascade,
      part integer not null,
      gtin_from char(14) collate "C",
      gtin_to char(14) collate "C",
      after_gtin char(14) collate "C",
      after_serial text collate "C",
      serials bigint not null default 0,
      selected bigint not null default 0,
      finished boolean not null default false,
      primary key (company_id, part)
    )`.execute(db);
  // Event ranges the incremental sync applied to the live partition while a load ran: the swap
  // applies them to the load too, so nothing that arrived meanwhile is lost.
  await sql`create table serial_load_catchup (
      company_id uuid not null references serial_loads (company_id) on delete cascade,
      from_seq bigint not null,
      to_seq bigint not null
    )`.execute(db);
  await sql`create index serial_load_catchup_company_idx on serial_load_catchup (company_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Loads under way, and a producer table a swap replaced but did not get to drop.
  const { rows } = await sql<{ name: string }>`select relname as name from pg_class
    where relkind in ('r', 'p') and not relispartition and (relname like 'serial_load\\_%' or relname like 'serial_part\\_%' or relname like 'serial_retired\\_%')
      and relname not in ('serial_loads', 'serial_load_parts', 'serial_load_catchup')`.execute(db);
  for (const { name } of rows) await sql`drop table ${sql.id(name)}`.execute(db);
  await sql`drop table serial_load_catchup, serial_load_parts, serial_loads`.execute(db);

  await sql`create table network_serials_unpartitioned (like network_serials including defaults)`.execute(db);
  await sql`insert into network_serials_unpartitioned select * from network_serials`.execute(db);
  await sql`drop table network_serials`.execute(db);
  await sql`alter table network_serials_unpartitioned rename to network_serials`.execute(db);
  await sql`alter table network_serials alter column gtin type char(14) collate "default", alter column serial type text collate "default"`.execute(
    db,
  );
  await sql`alter table network_serials add constraint network_serials_pk primary key (gtin, serial)`.execute(db);
  await sql`alter table source_serial_events alter column gtin type char(14) collate "default", alter column serial type text collate "default"`.execute(
    db,
  );
}
