import { defineSignal, proxyActivities, ActivityCancellationType } from '@temporalio/workflow';
import type { createSerialBackfillActivities, GtinRange } from '../activities/serialBackfill.js';
import type { createSyncRunActivities } from '../activities/syncRuns.js';

// --- Types

export interface SerialBackfillInput {
  companyId: string;
  /** > 1: child workflows over that many GTIN ranges, side by side. */
  partitions?: number;
  /** Serials per batch (one INSERT ... SELECT into the load, one transaction); ~10k-50k keeps each a second or two. */
  batchSize?: number;
  /** Batches per activity call, i.e. per progress update and per few history events. */
  batchesPerCall?: number;
  /** Calls per workflow run before continue-as-new, so history stays small on any store. */
  callsPerRun?: number;
  /** Set on a child: its share of the key space and its estimated size, its part of the parent's load, who to report progress to. */
  range?: GtinRange;
  estimate?: number;
  parent?: { workflowId: string; index: number; runId: string };
  /** Carried across continue-as-new. */
  carry?: BackfillCarry;
}

export interface BackfillCounts {
  selected: number;
  removed: number;
}

export interface BackfillCarry {
  progress: { done: number; failed: number; total: number; startedAt: string };
  /** Serials done when a retried activity resumed from the committed cursor (evidence it did not restart). */
  resumedAt: number[];
}

export interface SerialBackfillResult extends BackfillCounts {
  done: number;
  total: number;
  resumedAt: number[];
}

export const DEFAULTS = { batchSize: 50_000, batchesPerCall: 10, callsPerRun: 25 } as const;

// --- Signals

/** A child's running totals, sent to its parent by workflow id (reaches the parent's newest run). */
export const partitionProgressSignal =
  defineSignal<[{ index: number; done: number; total: number }]>('partitionProgress');

// --- Activities (one proxy per timeout profile)

type Activities = ReturnType<typeof createSerialBackfillActivities> & ReturnType<typeof createSyncRunActivities>;

// A dropped connection or a failover is retried with backoff for several minutes, then the
// workflow fails visibly; an operator fixes the cause and resets it.
const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 20 };
export const short = proxyActivities<Activities>({ startToCloseTimeout: '5m', retry });
// Many batches per call: a dead worker is noticed by the missing heartbeat within 10 s, and the
// retry resumes from the heartbeat. A cancel waits for the batch under way to commit.
export const long = proxyActivities<Activities>({
  startToCloseTimeout: '2h',
  heartbeatTimeout: '10s',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry,
});
