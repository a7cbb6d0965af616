import { sql, type Kysely } from 'kysely';

// Routing out to partner VRS: per-partner connection settings, and what each routed exchange was.
export async function up(db: Kysely<any>): Promise<void> {
  // proxy_url null: HTTPS_PROXY / NO_PROXY from the environment; 'direct': never a proxy.
  // extra_headers: a JSON object of static headers sealed under VRS_MASTER_KEY (they are often API keys).
  await sql`alter table partners add column proxy_url text, add column extra_headers text`.execute(db);
  // peer_failure_reason keeps a peer's verificationFailureReason when it is outside the standard list
  // (the answer passes it on as No_reason_provided).
  await sql`alter table verification_history
      add column partner_id uuid,
      add column peer_status smallint,
      add column peer_latency_ms real,
      add column peer_failure_reason text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table verification_history drop column partner_id, drop column peer_status, drop column peer_latency_ms, drop column peer_failure_reason`.execute(
    db,
  );
  await sql`alter table partners drop column proxy_url, drop column extra_headers`.execute(db);
}
