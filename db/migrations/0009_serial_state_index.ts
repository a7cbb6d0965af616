import { sql, type Kysely } from 'kysely';

// Serial sync: how a serial's state is read from its source events (domain/serials/apply.ts).
export async function up(db: Kysely<any>): Promise<void> {
  // A CSV/JSON row states everything; an EPCIS event only what it says (null = unchanged).
  await db.schema
    .alterTable('source_serial_events')
    .addColumn('full_state', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // "Newest state event per (gtin, serial)" in key order is then an index scan + Unique: no sort
  // per serial, and a keyset cursor (gtin, serial) > (...) starts anywhere. Event ids tie-break
  // in byte order ("C"), as the domain compares them, whatever the database collation.
  await sql`create index source_serial_events_state_idx
    on source_serial_events (company_id, gtin, serial, event_time desc, event_id collate "C" desc)
    where affects_state`.execute(db);
  // Events a state was folded from when its newest event is partial (0: a full-state row). A
  // late, older EPCIS event changes the fold but not the newest event; the count lets that
  // recomputation win over a stale one with the same newest event.
  await db.schema
    .alterTable('network_serials')
    .addColumn('folded_events', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // applyEvent (domain/serials/apply.ts) as an aggregate, for serials whose newest event is partial.
  await sql`create type serial_fold_state as (
    known boolean, events integer, lot text, expiry char(6), expiry_date date, extended_expiry char(6),
    extended_expiry_date date, status text, recalled boolean, suspect boolean, illegitimate boolean,
    expiration_extended boolean, reason_code text, event_time timestamptz, event_id text)`.execute(db);
  await sql`create function serial_fold_step(s serial_fold_state, e source_serial_events) returns serial_fold_state
    language plpgsql immutable as $$
    declare
      base boolean := s.known and not e.full_state;
      r serial_fold_state := s;
      keep_extended boolean;
    begin
      r.events := s.events + 1;
      if not e.affects_state then return r; end if;
      if s.known and (e.event_time, e.event_id collate "C") <= (s.event_time, s.event_id collate "C") then return r; end if;
      r.lot := coalesce(e.lot, case when base then s.lot end);
      r.expiry := coalesce(e.expiry, case when base then s.expiry end);
      r.expiry_date := coalesce(e.expiry_date, case when base then s.expiry_date end);
      r.status := coalesce(e.status, case when base then s.status end);
      if r.lot is null or r.expiry is null or r.expiry_date is null or r.status is null then
        s.events := r.events;
        return s;
      end if;
      r.recalled := coalesce(e.recalled, case when base then s.recalled end, false);
      r.suspect := coalesce(e.suspect, case when base then s.suspect end, false);
      r.illegitimate := coalesce(e.illegitimate, case when base then s.illegitimate end, false);
      r.expiration_extended := coalesce(e.expiration_extended, case when base then s.expiration_extended end, false);
      keep_extended := r.expiration_extended and e.extended_expiry is null and base;
      r.extended_expiry := case when not r.expiration_extended then null when keep_extended then s.extended_expiry else e.extended_expiry end;
      r.extended_expiry_date := case when not r.expiration_extended then null when keep_extended then s.extended_expiry_date else e.extended_expiry_date end;
      r.reason_code := case when e.full_state then e.reason_code else coalesce(e.reason_code, case when base then s.reason_code end) end;
      r.known := true;
      r.event_time := e.event_time;
      r.event_id := e.event_id;
      return r;
    end $$`.execute(db);
  await sql`create aggregate serial_fold(source_serial_events) (
    sfunc = serial_fold_step, stype = serial_fold_state, initcond = '(f,0,,,,,,,,,,,,,)')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop aggregate serial_fold(source_serial_events)`.execute(db);
  await sql`drop function serial_fold_step(serial_fold_state, source_serial_events)`.execute(db);
  await sql`drop type serial_fold_state`.execute(db);
  await db.schema.alterTable('network_serials').dropColumn('folded_events').execute();
  await sql`drop index source_serial_events_state_idx`.execute(db);
  await db.schema.alterTable('source_serial_events').dropColumn('full_state').execute();
}
