import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import { recordSyncQueued } from '../../db/repositories/syncRuns.js';
import type { ApiDeps } from '../deps.js';
import { conflict } from '../problem.js';
import { workflowId } from '../../workflows/ids.js';
import { serialBackfill, type SerialBackfillInput } from '../../workflows/serialBackfill.js';
import { VrsCompany, VrsKind, VrsProgress } from '../../workflows/searchAttributes.js';
import { runDescription } from './runDescription.js';

/**
 * Starts the producer's serial backfill under its deterministic id; while one runs a second
 * start is refused (409 naming it), and once it has closed the id is reused.
 */
export async function launchSerialBackfill(
  deps: Pick<ApiDeps, 'db' | 'temporal' | 'taskQueueOf'>,
  input: SerialBackfillInput,
): Promise<string> {
  const id = workflowId('serialBackfill', input.companyId);
  const parts = input.partitions ?? 1;
  const { staticSummary, staticDetails, companyName } = await runDescription(
    deps.db,
    input.companyId,
    'serialBackfill',
    `every serial of the company under its serial rules, rebuilt in ${parts} GTIN-range part${parts === 1 ? '' : 's'}`,
  );
  let runId: string;
  try {
    ({ firstExecutionRunId: runId } = await deps.temporal.workflow.start(serialBackfill, {
      workflowId: id,
      taskQueue: deps.taskQueueOf('sync'),
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      staticSummary,
      staticDetails,
      typedSearchAttributes: [
        { key: VrsCompany, value: input.companyId },
        companyName,
        { key: VrsKind, value: 'serialBackfill' },
        { key: VrsProgress, value: 0 },
      ],
    }));
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError)
      throw conflict('a serial backfill is already running for this company', { workflowId: id });
    throw error;
  }
  await recordSyncQueued(deps.db, { runId, workflowId: id, companyId: input.companyId, kind: 'serialBackfill' });
  return id;
}
