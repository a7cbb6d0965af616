import type { Kysely } from 'kysely';
import { poolOf } from '../db/pool.js';
import type { Database } from '../db/schema.js';
import { MAX_SEQ_SPAN, recordCatchUp } from '../db/serialSync/load.js';
import { inTransaction } from '../db/serialSync/rawClient.js';
import { companyLock, ensureSerialTable } from '../db/serialSync/serialTables.js';
import { serialStatesSql } from '../db/serialSync/stateQuery.js';
import { transferBatch, withTransferClients } from '../db/serialSync/transfer.js';
import { chunkRanges, type SeqRange } from '../domain/serials/seqRanges.js';
import type { Logger } from '../logger.js';
import { readRules } from './serialBackfill.js';

export interface ApplyResult {
  /** Serials whose state was recomputed. */
  rows: number;
  selected: number;
  removed: number;
  /** Serial sync was switched off meanwhile: nothing applied. */
  disabled: boolean;
}

/** Activities of the serialUpdates workflow. */
export const createSerialUpdatesActivities = (deps: { db: Kysely<Database>; log: Logger }) => ({
  /**
   * Recomputes every serial the events in `seqRanges` touch from all of its events, and merges
   * the states into the producer's partition (newest event wins), a seq window per transaction.
   * Applying the same ranges again, or older events after newer ones, leaves the table as it is.
   * While a backfill's load is under way, the ranges are also recorded for its swap.
   */
  async applySerialEvents(input: { companyId: string; seqRanges: SeqRange[] }): Promise<ApplyResult> {
    const rules = await readRules(deps.db, input.companyId);
    const result: ApplyResult = { rows: 0, selected: 0, removed: 0, disabled: !rules.enabled };
    if (!rules.enabled) return result;
    await withTransferClients(poolOf(deps.db), async (clients) => {
      const table = await ensureSerialTable(clients.target, input.companyId);
      for (const seqRanges of chunkRanges(input.seqRanges, MAX_SEQ_SPAN)) {
        const batch = await inTransaction(clients.target, async () => {
          await clients.target.query(companyLock('shared'), [input.companyId]);
          const applied = await transferBatch(clients, serialStatesSql({ kind: 'events', companyId: input.companyId, seqRanges }, rules), table);
          await recordCatchUp(clients.target, input.companyId, seqRanges);
          return applied;
        });
        result.rows += batch.rows;
        result.selected += batch.selected;
        result.removed += batch.removed;
      }
    });
    return result;
  },
});
