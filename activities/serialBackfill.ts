import { activityInfo, ApplicationFailure, CancelledFailure, cancellationSignal, heartbeat } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { ZodError } from 'zod';
import { poolOf } from '../db/pool.js';
import { countSerials, sampleGtinWeights } from '../db/repositories/serialEvents.js';
import { getSerialRules } from '../db/repositories/serialRules.js';
import type { Database } from '../db/schema.js';
import { copyIntoFreeRange } from '../db/serialSync/directBatch.js';
import { serialStatesSql, type PageSource, type SerialKey } from '../db/serialSync/stateQuery.js';
import { transferBatch, withTransferClients } from '../db/serialSync/transfer.js';
import { splitGtinRanges, type GtinRange } from '../domain/serials/gtinRanges.js';
import type { SerialRules } from '../domain/serials/rules.js';
import type { Logger } from '../logger.js';

export type { GtinRange, SerialKey };

export interface CopyBatchesInput {
  companyId: string;
  range: GtinRange;
  /** Keyset cursor: the last serial done by earlier calls (null: the start of the range). */
  after: SerialKey | null;
  batchSize: number;
  /** Batches per call: the workflow sees progress, and its history grows, once per call. */
  maxBatches: number;
}

/** What this call has committed so far; also the heartbeat details a retry resumes from. */
export interface CopyProgress {
  after: SerialKey | null;
  rows: number;
  selected: number;
  removed: number;
  batches: number;
}

export interface CopyBatchesResult extends CopyProgress {
  finished: boolean;
  /** Rows this call had already done when a retry picked it up from the heartbeat (null: first attempt). */
  resumedAtRows: number | null;
}

// Liveness while one batch runs; Temporal throttles what it actually sends.
const HEARTBEAT_EVERY_MS = 1_000;

export async function readRules(db: Kysely<Database>, companyId: string): Promise<SerialRules> {
  try {
    return await getSerialRules(db, companyId);
  } catch (error) {
    if (error instanceof ZodError) throw ApplicationFailure.nonRetryable(`stored serial rules are invalid: ${error.message}`, 'InvalidRules');
    throw error;
  }
}

/** Activities of the serialBackfill workflow; every one is safe to retry. */
export const createSerialBackfillActivities = (deps: { db: Kysely<Database>; log: Logger }) => ({
  async countSerials(input: { companyId: string; range: GtinRange }): Promise<number> {
    return countSerials(deps.db, input.companyId, input.range);
  },

  async planSerialPartitions(input: { companyId: string; partitions: number }): Promise<GtinRange[]> {
    return splitGtinRanges(await sampleGtinWeights(deps.db, input.companyId), input.partitions);
  },

  /**
   * Up to `maxBatches` batches of the range, each one transaction (COPY into staging + one
   * merge), heartbeating the cursor after each. A retry after a crash starts from the last
   * heartbeat, not from the call's start; a cancel is honoured between two batches.
   */
  async copySerialBatches(input: CopyBatchesInput): Promise<CopyBatchesResult> {
    const resumed = activityInfo().heartbeatDetails as CopyProgress | undefined;
    let progress: CopyProgress = resumed ?? { after: input.after, rows: 0, selected: 0, removed: 0, batches: 0 };
    const rules = await readRules(deps.db, input.companyId);
    const alive = setInterval(() => heartbeat(progress), HEARTBEAT_EVERY_MS);
    let finished = false;
    try {
      await withTransferClients(poolOf(deps.db), async (clients) => {
        while (!finished && progress.batches < input.maxBatches) {
          if (cancellationSignal().aborted) throw new CancelledFailure('cancelled between batches');
          const page: PageSource = { kind: 'page', companyId: input.companyId, after: progress.after, ...input.range, limit: input.batchSize };
          const batch = (await copyIntoFreeRange(clients, page, rules)) ?? (await transferBatch(clients, serialStatesSql(page, rules), { fresh: true }));
          progress = {
            after: batch.last ?? progress.after,
            rows: progress.rows + batch.rows,
            selected: progress.selected + batch.selected,
            removed: progress.removed + batch.removed,
            batches: progress.batches + 1,
          };
          heartbeat(progress);
          finished = batch.rows < input.batchSize;
        }
      });
    } finally {
      clearInterval(alive);
    }
    deps.log.debug({ companyId: input.companyId, range: input.range, ...progress, finished }, 'serial batches copied');
    return { ...progress, finished, resumedAtRows: resumed ? resumed.rows : null };
  },
});
