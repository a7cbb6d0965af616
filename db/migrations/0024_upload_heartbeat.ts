import { sql, type Kysely } from 'kysely';

// An upload read by a process that died would stay `running` forever. The process reading it
// beats `heartbeat_at` (the database's clock, so instances need not agree on time); a sweep
// fails the ones whose beat stopped. The partial index keeps that sweep to the few in flight.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table uploads add column heartbeat_at timestamptz not null default now()`.execute(db);
  await sql`create index uploads_in_flight_idx on uploads (heartbeat_at) where status in ('queued', 'running')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index uploads_in_flight_idx`.execute(db);
  await sql`alter table uploads drop column heartbeat_at`.execute(db);
}
