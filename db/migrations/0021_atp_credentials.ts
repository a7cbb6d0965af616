import { sql, type Kysely } from 'kysely';

// ATP credentials (OCI): each company's wallet, every wallet call we made, and the outcome beside
// the verification it belongs to. The wallet secret (OAuth client secret or API key) is sealed
// under VRS_MASTER_KEY like private keys.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table atp_wallets (
      company_id uuid primary key references companies (id) on delete cascade,
      base_url text not null,
      auth_kind text not null check (auth_kind in ('oauth2-client-credentials', 'api-key')),
      token_url text,
      client_id text,
      api_key_header text,
      sealed_secret text not null,
      generate_path text not null,
      verify_path text not null,
      holder_did_field text not null,
      did text not null,
      outgoing_policy text not null check (outgoing_policy in ('off', 'warn', 'require')),
      incoming_policy text not null check (incoming_policy in ('off', 'warn', 'require')),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // request_id and corr_uuid link an exchange to its verification_history row.
  await sql`create table atp_exchanges (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      company_id uuid not null references companies (id) on delete cascade,
      corr_uuid text not null,
      direction text not null check (direction in ('outgoing', 'incoming')),
      operation text not null check (operation in ('generate', 'verify')),
      partner_id uuid references partners (id) on delete set null,
      holder_did text,
      verifier_did text,
      result text not null check (result in ('ok', 'failed', 'error')),
      error_codes text[] not null default '{}',
      latency_ms real,
      request_id text
    )`.execute(db);
  await sql`create index atp_exchanges_company_idx on atp_exchanges (company_id, at)`.execute(db);
  await sql`create index atp_exchanges_corr_idx on atp_exchanges (corr_uuid)`.execute(db);
  // A partner whose VRS expects the presentation under another header name than ATP_HEADER.
  await sql`alter table partners add column atp_header text`.execute(db);
  // The verification's ATP outcome: null when no check applied, 'ok' or 'failed' with the codes.
  await sql`alter table verification_history add column atp text, add column atp_error_codes text[]`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table verification_history drop column atp, drop column atp_error_codes`.execute(db);
  await sql`alter table partners drop column atp_header`.execute(db);
  await sql`drop table atp_exchanges`.execute(db);
  await sql`drop table atp_wallets`.execute(db);
}
