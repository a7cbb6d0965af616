import { sql, type Kysely } from 'kysely';

// Range-partitioned by month so 12 years of history can be detached and archived per month.
// A default partition catches rows until monthly partitions are created (ensureHistoryPartition).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table verification_history (
      id bigserial not null,
      verified_at timestamptz not null,
      channel text not null,
      requestor_gln char(13),
      requestor_company_id uuid,
      producer_company_id uuid,
      gtin text not null,
      serial text not null,
      lot text not null,
      expiry text not null,
      corr_uuid text not null,
      http_status smallint not null,
      verified boolean,
      failure_reason text,
      additional_info text[] not null default '{}',
      responder_gln char(13),
      in_network boolean not null,
      latency_ms real not null,
      ctrl_possess_att boolean,
      email text,
      telephone text,
      request_id text,
      primary key (verified_at, id)
    ) partition by range (verified_at)`.execute(db);
  await sql`create table verification_history_default partition of verification_history default`.execute(db);
  await sql`create index verification_history_producer_idx on verification_history (producer_company_id, verified_at, id)`.execute(
    db,
  );
  await sql`create index verification_history_requestor_idx on verification_history (requestor_company_id, verified_at, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('verification_history').cascade().execute();
}
