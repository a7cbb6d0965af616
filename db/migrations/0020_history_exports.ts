import { sql, type Kysely } from 'kysely';

// Background history exports (POST /v1/exports): the request, its progress, and the file itself
// as numbered chunks, each written in the same transaction as the cursor that follows it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table history_exports (
      id uuid primary key default gen_random_uuid(),
      company_id uuid not null references companies (id) on delete cascade,
      selection jsonb not null,
      format text not null check (format in ('json', 'ndjson', 'csv')),
      status text not null default 'running' check (status in ('running', 'completed', 'failed')),
      cursor jsonb,
      chunks integer not null default 0,
      rows bigint not null default 0,
      bytes bigint not null default 0,
      error text,
      workflow_id text,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    )`.execute(db);
  await sql`create index history_exports_company_idx on history_exports (company_id, created_at desc)`.execute(db);
  await sql`create table history_export_chunks (
      export_id uuid not null references history_exports (id) on delete cascade,
      seq integer not null,
      body bytea not null,
      primary key (export_id, seq)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table history_export_chunks`.execute(db);
  await sql`drop table history_exports`.execute(db);
}
