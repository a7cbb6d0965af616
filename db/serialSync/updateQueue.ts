import { CompiledQuery, sql, type Kysely, type QueryCreator, type RawBuilder, type Transaction } from 'kysely';
import type pg from 'pg';
import { chunkRanges, type SeqRange } from '../../domain/serials/seqRanges.js';
import { serialRulesOf, serialRulesRow } from '../repositories/serialRules.js';
import type { Database } from '../schema.js';
import { companyLock } from './serialTables.js';
import { MAX_SEQ_SPAN } from './stateQuery.js';

// serial_update_queue holds the seq ranges uploads stored and the producer's serialUpdates has not
// applied yet; serial_update_leases says whether a drain is under way. Uploads add ranges (kysely,
// inside their transaction), the drain takes them (raw pg, beside its COPY batches).

// --- The uploads' side

/**
 * Queues the ranges an upload stored when the producer's serial sync is on (true: queued), inside
 * the upload's transaction. Under the producer's serial lock to the commit: a backfill's load
 * cannot start between this read of the rules and the commit, so it either sees these events or
 * finds them queued and caught up. Repeated events are queued too: repeating an upload whose
 * wake-up failed heals it.
 */
export async function queueUploadedRanges(
  trx: Transaction<Database>,
  companyId: string,
  ranges: readonly SeqRange[],
): Promise<boolean> {
  await trx.executeQuery(CompiledQuery.raw(companyLock('shared'), [companyId]));
  // One round trip reads the rules and queues if they say so. Not in the lock's statement: a
  // statement's snapshot is taken before it waits, and would miss rules committed meanwhile.
  const rules = await trx
    .with('rules', (db) => serialRulesRow(db, companyId))
    .with('queued', (db) => queueInsert(db, companyId, ranges, sql`(select (body ->> 'enabled')::boolean from rules)`))
    .selectFrom('rules')
    .select('body')
    .executeTakeFirst();
  return serialRulesOf(rules).enabled;
}

/**
 * Queues seq ranges in rows of at most MAX_SEQ_SPAN seqs: a drain takes whole rows, and no take
 * outgrows one statement.
 */
export async function enqueueSerialRanges(
  db: Kysely<Database>,
  companyId: string,
  ranges: readonly SeqRange[],
): Promise<void> {
  if (ranges.length > 0) await queueInsert(db, companyId, ranges, sql`true`).execute();
}

/** The insert of `ranges` into the queue, oldest first, made only where `when` holds. */
function queueInsert(
  db: QueryCreator<Database>,
  companyId: string,
  ranges: readonly SeqRange[],
  when: RawBuilder<unknown>,
) {
  const rows = chunkRanges(ranges, MAX_SEQ_SPAN).flat();
  return db
    .insertInto('serial_update_queue')
    .columns(['company_id', 'from_seq', 'to_seq'])
    .expression(
      sql`select ${companyId}::uuid, r.from_seq, r.to_seq
        from unnest(${rows.map((r) => r.from)}::bigint[], ${rows.map((r) => r.to)}::bigint[]) with ordinality as r(from_seq, to_seq, n)
        where ${when} order by r.n`,
    );
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
 * Producers with queued ranges and no drain under way (the worker's periodic sweep wakes them):
 * events queued while Temporal was down, or left by a drain whose worker died holding the lease
 * (found once the lease has run out).
 */
export async function producersAwaitingDrain(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('serial_update_queue as q')
    .select('q.company_id')
    .distinct()
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('serial_update_leases as l')
            .select(sql.lit(1).as('one'))
            .whereRef('l.company_id', '=', 'q.company_id')
            .where(sql<boolean>`l.held_until > now()`),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.company_id);
}

// --- The drain's side

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
  return (
    (await client.query('select 1 from serial_update_queue where company_id = $1 limit 1', [companyId])).rowCount !== 0
  );
}

/**
 * Takes queued ranges, oldest first, up to `maxRows` rows and `maxSpan` seqs (always at least
 * one range), inside the caller's transaction: a rollback puts them back. Rows another attempt
 * holds are skipped, never waited for.
 */
export async function takeQueued(
  client: pg.ClientBase,
  companyId: string,
  maxRows: number,
  maxSpan: number,
): Promise<SeqRange[]> {
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

/** Serial events stored and not yet applied to the read tables, over every producer (for /metrics). */
export async function queuedSerialEvents(db: Kysely<Database>): Promise<{ events: number; producers: number }> {
  const row = await db
    .selectFrom('serial_update_queue')
    .select([
      sql<string>`coalesce(sum(to_seq - from_seq + 1), 0)`.as('events'),
      sql<string>`count(distinct company_id)`.as('producers'),
    ])
    .executeTakeFirstOrThrow();
  return { events: Number(row.events), producers: Number(row.producers) };
}
