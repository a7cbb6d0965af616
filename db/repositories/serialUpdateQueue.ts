import { sql, type Kysely } from 'kysely';
import type { SeqRange } from '../../domain/serials/seqRanges.js';
import type { Database } from '../schema.js';

/** Queues the seq ranges an upload stored, inside the upload's transaction. */
export async function enqueueSerialRanges(db: Kysely<Database>, companyId: string, ranges: readonly SeqRange[]): Promise<void> {
  if (ranges.length === 0) return;
  await db
    .insertInto('serial_update_queue')
    .values(ranges.map((r) => ({ company_id: companyId, from_seq: r.from, to_seq: r.to })))
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
