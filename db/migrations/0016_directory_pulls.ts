import { sql, type Kysely } from 'kysely';

// Lookup Directory pulls and uploads from partners, the conflicts they find, and the index the
// coverage report reads (the 404s for GTINs no directory record names).
export async function up(db: Kysely<any>): Promise<void> {
  // A partner that runs no VRS of its own (it sends spreadsheets) has pulls switched off.
  await sql`alter table partners
      add column pull_directory boolean not null default true,
      add column pull_interval_minutes integer check (pull_interval_minutes > 0)`.execute(db);

  // One row per pull (a directoryPull run, across continue-as-new) or directory upload.
  await sql`create table directory_pulls (
      id uuid primary key default gen_random_uuid(),
      partner_id uuid not null references partners (id) on delete cascade,
      kind text not null check (kind in ('pull', 'upload')),
      workflow_id text,
      run_id text unique,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      outcome text not null default 'running' check (outcome in ('running', 'completed', 'failed')),
      pages integer not null default 0,
      records integer not null default 0,
      ended integer not null default 0,
      rejected integer not null default 0,
      conflicts integer not null default 0,
      error text
    )`.execute(db);
  await sql`create index directory_pulls_partner_idx on directory_pulls (partner_id, kind, started_at desc)`.execute(
    db,
  );

  // A GTIN that a partner's record claims while another source (our producers or another
  // partner) claims it too. Kept per pair; the pull that last found it is named.
  await sql`create table directory_conflicts (
      gtin char(14) not null,
      source text not null,
      other_source text not null,
      pull_id uuid not null references directory_pulls (id) on delete cascade,
      responder_gln char(13) not null,
      other_responder_gln char(13) not null,
      winner text not null,
      detected_at timestamptz not null default now(),
      primary key (gtin, source, other_source)
    )`.execute(db);
  await sql`create index directory_conflicts_source_idx on directory_conflicts (source)`.execute(db);
  await sql`create index directory_conflicts_other_idx on directory_conflicts (other_source)`.execute(db);

  // Coverage reads only unknown-GTIN answers (404 answered here, no producer): a small partial
  // index over the day, requestor and GTIN, so the report never scans the history.
  await sql`create index verification_history_unknown_gtin_idx on verification_history (verified_at, requestor_gln, gtin)
      where http_status = 404 and producer_company_id is null and in_network`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index verification_history_unknown_gtin_idx`.execute(db);
  await sql`drop table directory_conflicts, directory_pulls`.execute(db);
  await sql`alter table partners drop column pull_directory, drop column pull_interval_minutes`.execute(db);
}
