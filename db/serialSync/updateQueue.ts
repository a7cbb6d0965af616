import type pg from 'pg';
import type { SeqRange } from '../../domain/serials/seqRanges.js';

// The drain's side of the queue (db/repositories/serialUpdateQueue.ts is the uploads' side).

/**
 * Holds (or prolongs) the producer's drain lease for `ms`. Uploads that find it held send no
 * wake-up: the drain, or the run that continues it, will find their ranges.
 */
export async function holdLease(client: pg.ClientBase, companyId: string, ms: number): Promise<void> {
  await client.query(
    `insert into serial_update_leases (company_id, held_until) values ($1, now() + $2 * interval '1 millisecond')
     on conflict (company_id) do update set held_until = excluded.held_until`,
    [companyId, ms],
  );
}

/**
 * Releases the lease, then looks at the queue once more: an upload that found the lease still
 * held committed its ranges before this release, so they are seen here (true: more to drain).
 */
export async function releaseLease(client: pg.ClientBase, companyId: string): Promise<boolean> {
  await client.query('delete from serial_update_leases where company_id = $1', [companyId]);
  return (await client.query('select 1 from serial_update_queue where company_id = $1 limit 1', [companyId])).rowCount !== 0;
}

/**
 * Takes up to `limit` queued ranges, oldest first, inside the caller's transaction: a rollback
 * puts them back. Rows another attempt holds are skipped, never waited for.
 */
export async function takeQueued(client: pg.ClientBase, companyId: string, limit: number): Promise<SeqRange[]> {
  const { rows } = await client.query<SeqRange>(
    `delete from serial_update_queue where id in (
       select id from serial_update_queue where company_id = $1 order by id limit $2 for update skip locked)
     returning from_seq as "from", to_seq as "to"`,
    [companyId, limit],
  );
  return rows;
}
