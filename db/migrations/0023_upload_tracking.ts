import { sql, type Kysely } from 'kysely';

// Uploads as tracked jobs (GET /v1/uploads): every upload, including a partner's directory
// records, with its status and progress while it is parsed, its report, why it stopped, and
// the rows it rejected, one line per field error, for errors.csv.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table uploads drop constraint uploads_kind_check`.execute(db);
  await sql`alter table uploads
      alter column company_id drop not null,
      add column partner_id uuid references partners (id) on delete cascade,
      add constraint uploads_kind_check check (kind in ('master-data', 'serials', 'directory')),
      add constraint uploads_owner_check check ((kind = 'directory') = (partner_id is not null and company_id is null)),
      add column status text not null default 'completed'
        check (status in ('queued', 'running', 'completed', 'failed', 'stopped')),
      add column rows_read integer not null default 0,
      add column bytes_read bigint not null default 0,
      add column bytes_total bigint,
      add column report jsonb,
      add column stop_reason text,
      add column started_at timestamptz,
      add column finished_at timestamptz`.execute(db);
  // Uploads recorded before tracking were all complete when their request answered.
  await sql`update uploads set rows_read = accepted + rejected, started_at = created_at, finished_at = created_at`.execute(
    db,
  );
  await sql`create index uploads_company_idx on uploads (company_id, created_at desc, id desc)`.execute(db);
  await sql`create index uploads_directory_idx on uploads (created_at desc, id desc) where kind = 'directory'`.execute(
    db,
  );
  await sql`create table upload_errors (
      upload_id uuid not null references uploads (id) on delete cascade,
      seq integer not null,
      row integer not null,
      gtin text,
      serial text,
      column_name text not null,
      message text not null,
      primary key (upload_id, seq)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table upload_errors`.execute(db);
  await sql`delete from uploads where kind = 'directory'`.execute(db);
  await sql`drop index uploads_directory_idx`.execute(db);
  await sql`drop index uploads_company_idx`.execute(db);
  await sql`alter table uploads
      drop constraint uploads_owner_check,
      drop constraint uploads_kind_check,
      drop column partner_id,
      drop column status,
      drop column rows_read,
      drop column bytes_read,
      drop column bytes_total,
      drop column report,
      drop column stop_reason,
      drop column started_at,
      drop column finished_at,
      alter column company_id set not null,
      add constraint uploads_kind_check check (kind in ('master-data', 'serials'))`.execute(db);
}
