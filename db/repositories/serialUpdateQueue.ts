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
