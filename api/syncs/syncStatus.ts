import { WorkflowNotFoundError, type Client, type WorkflowExecutionStatusName } from '@temporalio/client';
import type { Kysely } from 'kysely';
import {
  findLatestSyncRun,
  findSyncRun,
  type SyncError,
  type SyncRun,
  type SyncStatus,
} from '../../db/repositories/syncRuns.js';
import type { Database } from '../../db/schema.js';
import { progressQuery, type SyncProgress } from '../../workflows/progress.js';
import { syncErrorsQuery } from '../../workflows/syncErrors.js';

/** What `GET /v1/syncs/{workflowId}` answers, for any sync kind. */
export interface SyncView {
  workflowId: string;
  /** The first run id: one sync across continue-as-new, told apart from earlier syncs under the same workflow id. */
  runId: string;
  kind: string;
  status: SyncStatus;
  progress: SyncProgress;
  counts: Record<string, number>;
  errors: SyncError[];
  startedAt: string;
  finishedAt: string | null;
}

const STATUS: Partial<Record<WorkflowExecutionStatusName, SyncStatus>> = {
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'canceled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
};

/** A query needs a worker to answer; without one we fall back to the recorded run rather than hang. */
const QUERY_DEADLINE_MS = 3_000;

function progressOf(run: Pick<SyncRun, 'done' | 'total' | 'failed' | 'startedAt' | 'finishedAt'>): SyncProgress {
  const end = run.finishedAt ?? new Date();
  const seconds = Math.max((end.getTime() - run.startedAt.getTime()) / 1000, 0.001);
  const ratePerSec = Math.round(((run.done + run.failed) / seconds) * 10) / 10;
  return {
    done: run.done,
    total: run.total,
    failed: run.failed,
    ratePerSec,
    startedAt: run.startedAt.toISOString(),
    etaSec: run.finishedAt ? 0 : null,
  };
}

export function syncViewOfRun(run: SyncRun, status: SyncStatus = run.status): SyncView {
  return {
    workflowId: run.workflowId,
    runId: run.runId,
    kind: run.kind,
    status,
    progress: progressOf(run),
    counts: run.counts,
    errors: run.errors,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/**
 * The live state from Temporal (status, and for a running sync its `progress` and `errors`
 * queries) over what the run recorded in `sync_runs`; the row alone once Temporal has
 * forgotten the workflow. undefined when neither knows it.
 */
export async function readSync(
  deps: { temporal: Client; db: Kysely<Database> },
  workflowId: string,
  kind: string,
): Promise<SyncView | undefined> {
  const handle = deps.temporal.workflow.getHandle(workflowId);
  let description;
  try {
    description = await handle.describe();
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    const run = await findLatestSyncRun(deps.db, workflowId);
    return run && syncViewOfRun(run);
  }
  const status = STATUS[description.status.name] ?? 'running';
  const firstRunId = description.raw.workflowExecutionInfo?.firstRunId || description.runId;
  const run = (await findSyncRun(deps.db, firstRunId)) ?? {
    runId: firstRunId,
    workflowId,
    companyId: null,
    kind,
    status,
    done: 0,
    total: 0,
    failed: 0,
    counts: {},
    errors: [],
    startedAt: description.startTime,
    finishedAt: description.closeTime ?? null,
  };
  if (status !== 'running')
    return syncViewOfRun({ ...run, finishedAt: run.finishedAt ?? description.closeTime ?? new Date() }, status);
  try {
    const [progress, errors] = await deps.temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
      Promise.all([handle.query(progressQuery), handle.query(syncErrorsQuery).catch(() => run.errors)]),
    );
    return { ...syncViewOfRun(run, status), progress, errors };
  } catch {
    return syncViewOfRun(run, status);
  }
}

/** A listed run: one still marked running gets its live status and progress; closed ones are final. */
export async function liveSyncView(deps: { temporal: Client; db: Kysely<Database> }, run: SyncRun): Promise<SyncView> {
  return (run.status === 'running' ? await readSync(deps, run.workflowId, run.kind) : undefined) ?? syncViewOfRun(run);
}
