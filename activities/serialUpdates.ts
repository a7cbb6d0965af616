import type { Kysely } from 'kysely';
import { poolOf } from '../db/pool.js';
import type { Database } from '../db/schema.js';
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

/** A seq window per transaction: a large upload is applied in pieces, never one giant batch. */
const MAX_SEQ_SPAN = 20_000;

/** Activities of the serialUpdates workflow. */
export const createSerialUpdatesActivities = (deps: { db: Kysely<Database>; log: Logger }) => ({
  /**
   * Recomputes every serial the events in `seqRanges` touch from all of its events, and merges
   * the states (newest event wins). Applying the same ranges again, or older events after newer
   * ones, leaves the read table as it is.
   */
  async applySerialEvents(input: { companyId: string; seqRanges: SeqRange[] }): Promise<ApplyResult> {
    const rules = await readRules(deps.db, input.companyId);
    const result: ApplyResult = { rows: 0, selected: 0, removed: 0, disabled: !rules.enabled };
    if (!rules.enabled) return result;
    await withTransferClients(poolOf(deps.db), async (clients) => {
      for (const seqRanges of chunkRanges(input.seqRanges, MAX_SEQ_SPAN)) {
        const batch = await transferBatch(clients, serialStatesSql({ kind: 'events', companyId: input.companyId, seqRanges }, rules), { fresh: false });
        result.rows += batch.rows;
        result.selected += batch.selected;
        result.removed += batch.removed;
      }
    });
    return result;
  },
});
