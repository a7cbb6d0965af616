import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import { recordSyncQueued } from '../../db/repositories/syncRuns.js';
import type { ApiDeps } from '../deps.js';
import { conflict } from '../problem.js';
import { workflowId } from '../../workflows/ids.js';
import { masterDataSync } from '../../workflows/masterDataSync.js';
import { VrsCompany, VrsKind, VrsProgress } from '../../workflows/searchAttributes.js';
import { runDescription } from './runDescription.js';

/**
 * Starts the producer's master-data sync under its deterministic id. While one runs, a second
 * start is refused (409 naming the running workflow); once it has closed, the id is reused.
 */
export async function launchMasterDataSync(
  deps: Pick<ApiDeps, 'db' | 'temporal' | 'taskQueueOf'>,
  companyId: string,
): Promise<string> {
  const id = workflowId('masterDataSync', companyId);
  const { staticSummary, staticDetails, companyName } = await runDescription(
    deps.db,
    companyId,
    'masterDataSync',
    "every product in the company's source store, under its master-data rules",
  );
  let runId: string;
  try {
    ({ firstExecutionRunId: runId } = await deps.temporal.workflow.start(masterDataSync, {
      workflowId: id,
      taskQueue: deps.taskQueueOf('sync'),
      args: [{ companyId }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      staticSummary,
      staticDetails,
      typedSearchAttributes: [
        { key: VrsCompany, value: companyId },
        companyName,
        { key: VrsKind, value: 'masterDataSync' },
        { key: VrsProgress, value: 0 },
      ],
    }));
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError)
      throw conflict('a master-data sync is already running for this company', { workflowId: id });
    throw error;
  }
  await recordSyncQueued(deps.db, { runId, workflowId: id, companyId: companyId, kind: 'masterDataSync' });
  return id;
}
