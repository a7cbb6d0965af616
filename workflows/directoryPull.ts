import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createDirectoryPullActivities, PageResult } from '../activities/directoryPull.js';
import type { createSyncRunActivities } from '../activities/syncRuns.js';
import { progressQuery, ProgressTracker, type SyncProgress } from './progress.js';

// --- Types

export interface DirectoryPullInput {
  partnerId: string;
  /** Carried across continue-as-new: the pull's row and counts so far. */
  pullId?: string;
  counts?: DirectoryPullCounts;
  progress?: Pick<SyncProgress, 'done' | 'failed' | 'total' | 'startedAt'>;
  /** Pages per run before continuing as new (default PAGES_PER_RUN). */
  pagesPerRun?: number;
}

export interface DirectoryPullCounts {
  pages: number;
  received: number;
  stored: number;
  ended: number;
  rejected: number;
  conflicts: number;
}

export type DirectoryPullResult = ({ pullId: string } & DirectoryPullCounts) | { skipped: string };

// --- Activities

type Activities = ReturnType<typeof createDirectoryPullActivities> & ReturnType<typeof createSyncRunActivities>;

const short = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 12 },
});
// One page is one request to the partner and one transaction. A partner that stays down fails
// the pull after about two minutes; the next scheduled pull resumes at the committed position.
const page = proxyActivities<Activities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 6 },
});

/** Pages per run: each is two history events' worth of activity, so a long pull stays small. */
export const PAGES_PER_RUN = 100;

const ZERO: DirectoryPullCounts = { pages: 0, received: 0, stored: 0, ended: 0, rejected: 0, conflicts: 0 };

const add = (c: DirectoryPullCounts, p: PageResult): DirectoryPullCounts => ({
  pages: c.pages + 1,
  received: c.received + p.received,
  stored: c.stored + p.stored,
  ended: c.ended + p.ended,
  rejected: c.rejected + p.rejected,
  conflicts: c.conflicts + p.conflicts,
});

// --- Workflow

/**
 * Pulls one partner's Lookup Directory (`directoryPull:{partnerId}`, started by the partner's
 * schedule): page after page from the position committed with the page before, so a pull that
 * fails anywhere resumes after its last stored page. Progress counts records received; the total
 * is unknown until the partner says there is no next page.
 */
export async function directoryPull(input: DirectoryPullInput): Promise<DirectoryPullResult> {
  const info = workflowInfo();
  const tracker = new ProgressTracker(input.progress);
  setHandler(progressQuery, () => tracker.snapshot());
  let counts = input.counts ?? ZERO;

  let pullId = input.pullId;
  if (pullId === undefined) {
    const opened = await short.openDirectoryPull({
      partnerId: input.partnerId,
      workflowId: info.workflowId,
      runId: info.firstExecutionRunId,
    });
    if (opened === null) return { skipped: 'the partner no longer exists or has directory pulls switched off' };
    pullId = opened.pullId;
    // Listed with the other syncs in GET /v1/admin/workflows (no company: a partner's).
    await short.recordSyncStart({
      runId: info.firstExecutionRunId,
      workflowId: info.workflowId,
      companyId: null,
      kind: 'directoryPull',
      total: 0,
    });
  }
  const id = pullId;
  const finish = async (outcome: 'completed' | 'failed', error?: string) => {
    const { done, failed, total } = tracker.snapshot();
    await short.finishDirectoryPull({ pullId: id, outcome, error });
    await short.recordSyncFinish({
      runId: info.firstExecutionRunId,
      status: outcome,
      done,
      failed,
      total,
      counts: { ...counts },
      errors: [],
    });
  };

  const pagesPerRun = input.pagesPerRun ?? PAGES_PER_RUN;
  let more = true;
  let continueNow = false;
  try {
    for (let pages = 0; more && !continueNow; pages++) {
      const result = await page.pullDirectoryPage({ partnerId: input.partnerId, pullId: id });
      counts = add(counts, result);
      more = result.more;
      tracker.setTotal(more ? counts.received + 1 : counts.received);
      tracker.add(result.received - result.rejected, result.rejected);
      continueNow = pages + 1 >= pagesPerRun || workflowInfo().continueAsNewSuggested;
    }
  } catch (error) {
    await finish('failed', failureMessage(error));
    throw error;
  }
  if (more) {
    // History stays small on a large directory; the next run carries on from the committed position.
    const { done, failed, total, startedAt } = tracker.snapshot();
    return continueAsNew<typeof directoryPull>({
      ...input,
      pullId: id,
      counts,
      progress: { done, failed, total, startedAt },
    });
  }
  await finish('completed');
  return { pullId: id, ...counts };
}

/** The activity's own message (an ActivityFailure wraps it as its cause). */
const failureMessage = (error: unknown): string =>
  error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
