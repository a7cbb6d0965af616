import { sql, type Kysely } from 'kysely';
import type { SerialEvent } from '../../domain/serials/event.js';
import { coalesceRanges, type SeqRange } from '../../domain/serials/seqRanges.js';
import type { Database } from '../schema.js';
import type { InsertableSourceSerialEventRow } from '../tables/sourceStores.js';

/** 20 columns a row: 1000 rows stay well under PostgreSQL's 65535 bind parameters. */
export const INSERT_CHUNK = 1000;

function toRow(
  companyId: string,
  uploadId: string,
  e: SerialEvent,
): InsertableSourceSerialEventRow & { full_state: boolean } {
  // A full-state row states every flag (absent = false); an EPCIS event leaves unstated ones null = unchanged.
  const flag = (value: boolean | undefined) => (e.fullState ? (value ?? false) : (value ?? null));
  return {
    company_id: companyId,
    event_id: e.eventId,
    upload_id: uploadId,
    kind: e.kind,
    affects_state: e.affectsState,
    full_state: e.fullState,
    gtin: e.gtin,
    serial: e.serial,
    lot: e.lot,
    expiry: e.expiry,
    expiry_date: e.expiryDate,
    extended_expiry: e.extendedExpiry,
    extended_expiry_date: e.extendedExpiryDate,
    status: e.status,
    recalled: flag(e.flags.recalled),
    suspect: flag(e.flags.suspect),
    illegitimate: flag(e.flags.illegitimate),
    expiration_extended: flag(e.flags.expirationExtended),
    reason_code: e.reasonCode,
    event_time: e.eventTime,
  };
}

/**
 * Stores events keyed by event id: one already stored (a repeated upload, or an EPCIS file sent
 * twice) is skipped, never overwritten. Returns the arrival numbers (seq) of all the given events,
 * new and repeated, as ranges: the incremental sync reads by them, and re-applying a repeated
 * event changes nothing, while a repeated upload can re-deliver events whose signal was lost.
 */
export async function insertSerialEvents(
  db: Kysely<Database>,
  companyId: string,
  uploadId: string,
  events: readonly SerialEvent[],
): Promise<{ inserted: number; seqs: SeqRange[] }> {
  if (events.length === 0) return { inserted: 0, seqs: [] };
  const rows = await db
    .insertInto('source_serial_events')
    .values(events.map((e) => toRow(companyId, uploadId, e)))
    .onConflict((oc) => oc.columns(['company_id', 'event_id']).doNothing())
    .returning('seq')
    .execute();
  const seqs = rows.map((r) => Number(r.seq));
  if (rows.length < events.length) {
    const repeated = await db
      .selectFrom('source_serial_events')
      .select('seq')
      .where('company_id', '=', companyId)
      .where(
        'event_id',
        'in',
        events.map((e) => e.eventId),
      )
      .execute();
    seqs.push(...repeated.map((r) => Number(r.seq)));
  }
  return { inserted: rows.length, seqs: coalesceRanges(seqs.map((seq) => ({ from: seq, to: seq }))) };
}

/**
 * State events per GTIN, estimated from a block sample of about 20k rows (the whole table when
 * smaller): enough to cut the key space into ranges of similar size, and to size a backfill's
 * progress, without reading every event.
 */
export async function sampleGtinWeights(
  db: Kysely<Database>,
  companyId: string,
): Promise<{ gtin: string; weight: number }[]> {
  const { rows: size } = await sql<{
    n: number;
  }>`select greatest(reltuples, 0)::float8 as n from pg_class where oid = 'source_serial_events'::regclass`.execute(db);
  const percent = Math.min(100, Math.max(0.01, (100 * 20_000) / Math.max(size[0]?.n ?? 0, 1)));
  const { rows } = await sql<{ gtin: string; weight: number }>`select gtin, count(*)::int as weight
    from source_serial_events tablesample system (${sql.lit(percent)})
    where company_id = ${companyId} and affects_state group by gtin`.execute(db);
  return rows.map((r) => ({ gtin: r.gtin, weight: Math.round((r.weight * 100) / percent) }));
}
