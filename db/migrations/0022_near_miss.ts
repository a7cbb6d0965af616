import { sql, type Kysely } from 'kysely';

// The kind of near miss (domain/verification/nearMiss.ts) found for a "not verified" answer or
// an unknown GTIN, null otherwise. Nullable without a default, so adding it rewrites no partition.
// The partial index serves the producer's near-miss report without touching ordinary rows.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table verification_history add column near_miss text`.execute(db);
  await sql`create index verification_history_near_miss_idx on verification_history (producer_company_id, verified_at)
    where near_miss is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index verification_history_near_miss_idx`.execute(db);
  await sql`alter table verification_history drop column near_miss`.execute(db);
}
