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
 * Takes queued ranges, oldest first, up to `maxRows` rows and `maxSpan` seqs (always at least
 * one range), inside the caller's transaction: a rollback puts them back. Rows another attempt
 * holds are skipped, never waited for.
 */
export async function takeQueued(client: pg.ClientBase, companyId: string, maxRows: number, maxSpan: number): Promise<SeqRange[]> {
  const { rows } = await client.query<SeqRange>(
    `with candidates as (
       select id, to_seq - from_seq + 1 as span from serial_update_queue where company_id = $1 order by id limit $2 for update skip locked),
     taken as (
       select id from (select id, sum(span) over (order by id) as upto, row_number() over (order by id) as n from candidates) c where upto <= $3 or n = 1)
     delete from serial_update_queue q using taken t where q.id = t.id
     returning q.from_seq as "from", q.to_seq as "to"`,
    [companyId, maxRows, maxSpan],
  );
  return rows;
}
