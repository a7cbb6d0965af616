import {
  activityInfo,
  ApplicationFailure,
  CancelledFailure,
  cancellationSignal,
  heartbeat,
} from '@temporalio/activity';
import type { Kysely } from 'kysely';
import { poolOf } from '../db/pool.js';
import { sampleGtinWeights } from '../db/repositories/serialEvents.js';
import type { Database } from '../db/schema.js';
import {
  abandonLoad,
  keyPart,
  LoadGoneError,
  loadBatch,
  readPart,
  startLoad,
  type LoadPart,
  type LoadRef,
  type LoadSummary,
} from '../db/serialSync/load.js';
import { finishLoad } from '../db/serialSync/swap.js';
import { withClient } from '../db/serialSync/rawClient.js';
import type { SerialKey } from '../db/serialSync/stateQuery.js';
import { withTransferClients } from '../db/serialSync/transfer.js';
import { heartbeating } from './heartbeating.js';
import type { Pacer } from './pacer.js';
import { readRules } from './serialRules.js';
import { splitGtinRanges, weightIn, type GtinRange } from '../domain/serials/gtinRanges.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export type { GtinRange, LoadPart, LoadRef, LoadSummary, SerialKey };

export interface CopyBatchesInput extends LoadRef {
  /** Which GTIN range of the load (0 without children). */
  part: number;
  batchSize: number;
  /** Batches per call: the workflow sees progress, and its history grows, once per call. */
  maxBatches: number;
}

export interface CopyBatchesResult extends LoadPart {
  /** Serials the part had committed when a retry of this call picked up (null: first attempt). */
  resumedAtSerials: number | null;
}

export interface PlannedRange {
  range: GtinRange;
  /** Its size, estimated from a sample of state events (a serial with several counts several times). */
  estimate: number;
}

// A load that is gone will not come back: retrying cannot help.
async function loadStillOurs<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LoadGoneError) throw ApplicationFailure.nonRetryable(error.message, 'LoadGone');
    throw error;
  }
}

/** Activities of the serialBackfill workflow; every one is safe to retry. */
export const createSerialBackfillActivities = (deps: {
  db: Kysely<Database>;
  log: Logger;
  pacer: Pacer;
  config: Pick<Config, 'SERIAL_KEY_SORT_MEMORY'>;
}) => ({
  /**
   * Up to `partitions` GTIN ranges of about equal size, each with its size estimated from a
   * sample: progress has a total at once, without a count that reads every event (the end is
   * exact).
   */
  async planSerialPartitions(input: { companyId: string; partitions: number }): Promise<PlannedRange[]> {
    const weights = await sampleGtinWeights(deps.db, input.companyId);
    return splitGtinRanges(weights, input.partitions).map((range) => ({ range, estimate: weightIn(weights, range) }));
  },

  /** Starts this backfill's load, one part per GTIN range (true: it had started already). */
  async startSerialLoad(input: LoadRef & { ranges: GtinRange[] }): Promise<boolean> {
    return withClient(poolOf(deps.db), (client) => startLoad(client, input, input.ranges));
  },

  /**
   * Up to `maxBatches` batches of one part of the load, each one transaction that also moves the
   * part's cursor, with a heartbeat after each; the call that loads the last batch also keys the
   * part. A retry after a crash resumes at the last committed batch; a cancel is honoured
   * between two batches. Batches and the key build are the pacer's steps: while verify is busy
   * they take turns with other heavy work and the key is built without parallel workers.
   */
  async copySerialBatches(input: CopyBatchesInput): Promise<CopyBatchesResult> {
    const rules = await readRules(deps.db, input.companyId);
    return loadStillOurs(() =>
      withClient(poolOf(deps.db), async (client) => {
        let part = await readPart(client, input, input.part);
        const resumedAtSerials = activityInfo().attempt > 1 ? part.serials : null;
        await heartbeating(async () => {
          for (let batch = 0; batch < input.maxBatches && !part.finished; batch++) {
            if (cancellationSignal().aborted) throw new CancelledFailure('cancelled between batches');
            part = await deps.pacer.step(() => loadBatch(client, { ...input, selection: rules }), cancellationSignal());
            heartbeat();
          }
          if (part.finished)
            await deps.pacer.step(
              (busy) =>
                keyPart(client, input, input.part, {
                  parallel: !busy,
                  sortMemory: deps.config.SERIAL_KEY_SORT_MEMORY,
                }),
              cancellationSignal(),
            );
        });
        deps.log.debug({ companyId: input.companyId, part: input.part, ...part }, 'serial batches loaded');
        return { ...part, resumedAtSerials };
      }),
    );
  },

  /**
   * Assembles the keyed parts, catches them up with the incremental sync and swaps them in. A
   * cancel that arrives before the swap still stops it: the read table stays as it was.
   */
  async finishSerialLoad(input: LoadRef): Promise<LoadSummary> {
    const rules = await readRules(deps.db, input.companyId);
    const stopIfCancelled = () => {
      if (cancellationSignal().aborted) throw new CancelledFailure('cancelled before the swap');
    };
    return loadStillOurs(() =>
      heartbeating(() =>
        withTransferClients(poolOf(deps.db), (clients) => finishLoad(clients, input, rules, stopIfCancelled)),
      ),
    );
  },

  /** Drops this backfill's load after a cancel or a failure; the read table is as it was. */
  async abandonSerialLoad(input: LoadRef): Promise<void> {
    await withClient(poolOf(deps.db), (client) => abandonLoad(client, input));
  },
});
