import { sql, type Kysely } from 'kysely';

// Any change to certificates or partners (their CAs) notifies listeners, whatever code path wrote it,
// so the mTLS listener and the router reload without a restart.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function vrs_notify_certificates() returns trigger language plpgsql as $$
    begin
      perform pg_notify('vrs_certificates', tg_table_name);
      return null;
    end $$`.execute(db);
  for (const table of ['certificates', 'partners']) {
    await sql`create trigger ${sql.raw(`${table}_notify`)} after insert or update or delete on ${sql.table(table)}
      for each statement execute function vrs_notify_certificates()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger partners_notify on partners`.execute(db);
  await sql`drop trigger certificates_notify on certificates`.execute(db);
  await sql`drop function vrs_notify_certificates()`.execute(db);
}
