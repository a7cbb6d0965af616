import type pg from 'pg';
import { chunkRanges, coalesceRanges, type SeqRange } from '../../domain/serials/seqRanges.js';
import type { SerialSelection } from './ruleFilter.js';
import { MAX_SEQ_SPAN, serialStatesSql } from './stateQuery.js';
import { transferBatch, type TransferClients } from './transfer.js';

// While a backfill's load is under way, the incremental sync keeps writing the live table; what
// it applied there is recorded, and applied to the load too before the load replaces the table.

/** Records ranges the incremental sync just applied, inside its transaction, if a load is under way. */
export async function recordCatchUp(
  client: pg.ClientBase,
  companyId: string,
  ranges: readonly SeqRange[],
): Promise<void> {
  await client.query(
    `insert into serial_load_catchup (company_id, from_seq, to_seq)
     select $1, r.f, r.t from unnest($2::bigint[], $3::bigint[]) r (f, t) where exists (select 1 from serial_loads where company_id = $1 and swapped is null)`,
    [companyId, ranges.map((r) => r.from), ranges.map((r) => r.to)],
  );
}

/**
 * Recomputes into `table` every serial the recorded ranges touch (newest state wins, as in the
 * incremental sync), and forgets them; inside the caller's transaction.
 */
export async function applyCatchUp(
  clients: TransferClients,
  companyId: string,
  table: string,
  selection: SerialSelection,
): Promise<void> {
  const { rows } = await clients.target.query<SeqRange>(
    'delete from serial_load_catchup where company_id = $1 returning from_seq as "from", to_seq as "to"',
    [companyId],
  );
  for (const seqRanges of chunkRanges(coalesceRanges(rows), MAX_SEQ_SPAN)) {
    await transferBatch(clients, serialStatesSql({ kind: 'events', companyId, seqRanges }, selection), table);
  }
}
