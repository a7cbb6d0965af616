import {
  CancellationScope,
  continueAsNew,
  isCancellation,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  createMasterDataSyncActivities,
  MasterDataCounts,
  MasterDataSnapshot,
} from '../activities/masterDataSync.js';
import type { createSyncRunActivities } from '../activities/syncRuns.js';
import type { SyncError } from '../domain/syncs/syncError.js';
import { progressQuery, ProgressTracker } from './progress.js';
import { SyncErrorLog, syncErrorsQuery, syncFailure } from './syncErrors.js';

// --- Types

export interface MasterDataSyncInput {
  companyId: string;
  /** Last GTIN done; continue-as-new carries it, with everything below. */
  cursor?: string | null;
  counts?: MasterDataCounts;
  snapshot?: MasterDataSnapshot;
  progress?: { done: number; failed: number; total: number; startedAt: string };
  errors?: SyncError[];
  /** Operator tuning; the defaults suit most stores. */
  tuning?: Partial<SyncTuning>;
}

export interface SyncTuning {
  /** Products per page (one transaction); bigger pages spread the per-activity cost, smaller ones cancel sooner. */
  pageSize: number;
  /** Ranges planned per planning call (an index-only read of their GTINs). */
  pagesPerPlan: number;
  /** Plans per run before continuing as new (earlier when Temporal suggests it), so history stays small. */
  plansPerRun: number;
}

export interface MasterDataSyncResult {
  counts: MasterDataCounts;
  done: number;
  failed: number;
  total: number;
}

// --- Activities (one proxy per timeout profile)

type Activities = ReturnType<typeof createMasterDataSyncActivities> & ReturnType<typeof createSyncRunActivities>;

// A dropped database connection or a failover is retried with backoff for about five minutes;
// past that the workflow fails visibly, an operator fixes the cause and resets it.
const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 12 };
const short = proxyActivities<Activities>({ startToCloseTimeout: '30s', retry });
// One page is one transaction over pageSize products, a second or so, heartbeating while it runs:
// a worker killed mid-page is noticed by the missing heartbeat within 10 s, not at the 2 minutes.
const page = proxyActivities<Activities>({ startToCloseTimeout: '2m', heartbeatTimeout: '10s', retry });

export const DEFAULT_TUNING: SyncTuning = { pageSize: 2000, pagesPerPlan: 16, plansPerRun: 20 };
/** Pages synced side by side: disjoint GTIN ranges, so their transactions never wait on each other. */
export const PARALLEL_PAGES = 4;

// --- Workflow

const addCounts = (a: MasterDataCounts, b: MasterDataCounts): MasterDataCounts => ({
  synced: a.synced + b.synced,
  unchanged: a.unchanged + b.unchanged,
  skipped: a.skipped + b.skipped,
  withdrawn: a.withdrawn + b.withdrawn,
  invalid: a.invalid + b.invalid,
  conflict: a.conflict + b.conflict,
});

const ZERO: MasterDataCounts = { synced: 0, unchanged: 0, skipped: 0, withdrawn: 0, invalid: 0, conflict: 0 };

/**
 * Brings one producer's source products into the network: keyset pages of its source store,
 * each judged by the rules fixed at the start (US target market, selection, validation) and
 * applied in one transaction. A cancel lets the pages under way finish, then ends cleanly.
 */
export async function masterDataSync(input: MasterDataSyncInput): Promise<MasterDataSyncResult> {
  const info = workflowInfo();
  // The first run id names the sync_runs row across continue-as-new.
  const runId = info.firstExecutionRunId;
  let cancellation: unknown;
  CancellationScope.current().cancelRequested.catch((error: unknown) => void (cancellation = error));
  // Activities run to completion even when a cancel arrives, so a cancel stops at a page boundary.
  const safely = <T>(fn: () => Promise<T>): Promise<T> => CancellationScope.nonCancellable(fn);

  const tracker = new ProgressTracker(input.progress);
  const errors = new SyncErrorLog(input.errors);
  let counts = input.counts ?? ZERO;
  setHandler(progressQuery, () => tracker.snapshot());
  setHandler(syncErrorsQuery, () => errors.list());
  const finish = (status: 'completed' | 'failed' | 'canceled') => {
    const { done, failed, total } = tracker.snapshot();
    return safely(() => short.recordSyncFinish({ runId, status, done, failed, total, counts, errors: errors.list() }));
  };

  let cursor = input.cursor ?? null;
  let snapshot = input.snapshot;
  const tuning: SyncTuning = { ...DEFAULT_TUNING, ...input.tuning };
  let plans = 0;
  let continueNow = false;
  try {
    if (snapshot === undefined) {
      const opened = await safely(() => short.openMasterDataSync({ companyId: input.companyId }));
      snapshot = opened.snapshot;
      tracker.setTotal(opened.total);
      await safely(() =>
        short.recordSyncStart({
          runId,
          workflowId: info.workflowId,
          companyId: input.companyId,
          kind: 'masterDataSync',
          total: opened.total,
        }),
      );
    }
    const fixed = snapshot;
    while (cancellation === undefined && !continueNow) {
      const ranges = await safely(() =>
        short.planMasterDataPages({
          companyId: input.companyId,
          after: cursor,
          pageSize: tuning.pageSize,
          pages: tuning.pagesPerPlan,
        }),
      );
      if (ranges.length === 0) break;
      // PARALLEL_PAGES lanes take the ranges in order; after a cancel none takes another, so the
      // pages done are always a prefix of the plan and the cursor is the last one taken.
      const queue = [...ranges];
      const lane = async () => {
        for (
          let range = queue.shift();
          range !== undefined;
          range = cancellation === undefined ? queue.shift() : undefined
        ) {
          const result = await page.syncMasterDataPage({ snapshot: fixed, range });
          counts = addCounts(counts, result.counts);
          errors.add(result.errors);
          tracker.add(result.done, result.failed);
          cursor = range.until > (cursor ?? '') ? range.until : cursor;
        }
      };
      await safely(() => Promise.all(Array.from({ length: PARALLEL_PAGES }, lane)));
      continueNow = workflowInfo().continueAsNewSuggested || ++plans >= tuning.plansPerRun;
    }
  } catch (error) {
    if (isCancellation(error)) {
      await finish('canceled');
      throw error;
    }
    await finish('failed');
    throw syncFailure('masterDataSync', error);
  }

  const { done, failed, total, startedAt } = tracker.snapshot();
  if (continueNow && cancellation === undefined) {
    // History stays small on huge stores; the next run carries on from the cursor.
    const next = {
      companyId: input.companyId,
      cursor,
      counts,
      snapshot,
      progress: { done, failed, total, startedAt },
      errors: errors.list(),
      tuning,
    };
    return continueAsNew<typeof masterDataSync>(next);
  }
  await finish(cancellation === undefined ? 'completed' : 'canceled');
  if (cancellation !== undefined) throw cancellation;
  return { counts, done, failed, total };
}
