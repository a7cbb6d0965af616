import { sql, type Kysely } from 'kysely';

// The incremental serial sync's inbox. An upload queues the seq ranges of the events it stored in
// its own transaction; the producer's serialUpdates workflow drains the queue. A signal only
// wakes an idle workflow: while one drains it holds the lease, uploads see it and send nothing,
// so no signal races the workflow's continue-as-new (a raced one is refused, and the worker
// replays the run while events wait).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table serial_update_queue (
      id bigserial primary key,
      company_id uuid not null references companies (id) on delete cascade,
      from_seq bigint not null,
      to_seq bigint not null
    )`.execute(db);
  await sql`create index serial_update_queue_company_idx on serial_update_queue (company_id, id)`.execute(db);
  await sql`create table serial_update_leases (
      company_id uuid primary key references companies (id) on delete cascade,
      held_until timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table serial_update_leases, serial_update_queue`.execute(db);
}
