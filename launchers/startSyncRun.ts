import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Workflow,
} from '@temporalio/client';
import { recordSyncQueued } from '../db/repositories/syncRuns.js';
import type { LaunchDeps } from './deps.js';
import { AlreadyRunning } from './alreadyRunning.js';
import { workflowId } from '../workflows/ids.js';
import { VrsCompany, VrsKind, VrsProgress } from '../workflows/searchAttributes.js';
import { withinDeadline } from './temporalDeadline.js';
import { companySubject, runDescription, type DescribedKind } from './runDescription.js';

export interface SyncRun<I> {
  kind: DescribedKind & ('masterDataSync' | 'serialBackfill');
  workflow: (input: I) => Promise<unknown>;
  companyId: string;
  input: I;
  /** What the run covers, in words for the Temporal UI. */
  scope: string;
  /** The 409's detail while a run of this kind is open for the company. */
  runningDetail: string;
}

/**
 * Starts a producer's sync under its deterministic id, described for the Temporal UI. While one
 * runs, a second start is refused (AlreadyRunning naming it); once it has closed, the id is reused.
 */
export async function startSyncRun<I>(
  deps: Pick<LaunchDeps, 'db' | 'temporal' | 'taskQueueOf'>,
  run: SyncRun<I>,
): Promise<string> {
  const id = workflowId(run.kind, run.companyId);
  const { staticSummary, staticDetails, companyName } = runDescription(
    await companySubject(deps.db, run.companyId),
    run.kind,
    run.scope,
  );
  let runId: string;
  try {
    ({ firstExecutionRunId: runId } = await withinDeadline(deps.temporal, () =>
      deps.temporal.workflow.start<Workflow>(run.workflow, {
        workflowId: id,
        taskQueue: deps.taskQueueOf('sync'),
        args: [run.input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        staticSummary,
        staticDetails,
        typedSearchAttributes: [
          { key: VrsCompany, value: run.companyId },
          companyName,
          { key: VrsKind, value: run.kind },
          { key: VrsProgress, value: 0 },
        ],
      }),
    ));
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw new AlreadyRunning(run.runningDetail, id);
    throw error;
  }
  // Listed by GET /v1/syncs at once, before the workflow's first activity records the run itself.
  await recordSyncQueued(deps.db, { runId, workflowId: id, companyId: run.companyId, kind: run.kind });
  return id;
}
