import { sql, type Kysely } from 'kysely';
import { chunkRanges, type SeqRange } from '../../domain/serials/seqRanges.js';
import type { Database } from '../schema.js';
import { MAX_SEQ_SPAN } from '../serialSync/stateQuery.js';

/**
 * Queues the seq ranges an upload stored, inside the upload's transaction, in rows of at most
 * MAX_SEQ_SPAN seqs: a drain takes whole rows, and no take outgrows one statement.
 */
export async function enqueueSerialRanges(db: Kysely<Database>, companyId: string, ranges: readonly SeqRange[]): Promise<void> {
  const rows = chunkRanges(ranges, MAX_SEQ_SPAN).flat();
  if (rows.length === 0) return;
  await db
    .insertInto('serial_update_queue')
    .values(rows.map((r) => ({ company_id: companyId, from_seq: r.from, to_seq: r.to })))
    .execute();
}

/** Whether the producer's serialUpdates is draining the queue right now (read after the upload committed). */
export async function serialDrainUnderWay(db: Kysely<Database>, companyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('serial_update_leases')
    .select(sql<boolean>`held_until > now()`.as('held'))
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return row?.held ?? false;
}

/**
 * Producers with queued ranges and no drain under way: events queued while Temporal was down, or
 * left by a drain whose worker died holding the lease (found once the lease has run out).
 */
export async function producersAwaitingDrain(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('serial_update_queue as q')
    .select('q.company_id')
    .distinct()
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('serial_update_leases as l').select(sql.lit(1).as('one')).whereRef('l.company_id', '=', 'q.company_id').where(sql<boolean>`l.held_until > now()`))),
    )
    .execute();
  return rows.map((r) => r.company_id);
}

/** Serial events stored and not yet applied to the read tables, over every producer (for /metrics). */
export async function queuedSerialEvents(db: Kysely<Database>): Promise<{ events: number; producers: number }> {
  const row = await db
    .selectFrom('serial_update_queue')
    .select([sql<string>`coalesce(sum(to_seq - from_seq + 1), 0)`.as('events'), sql<string>`count(distinct company_id)`.as('producers')])
    .executeTakeFirstOrThrow();
  return { events: Number(row.events), producers: Number(row.producers) };
}
