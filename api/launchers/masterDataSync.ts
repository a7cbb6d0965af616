import { WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import type { ApiDeps } from '../deps.js';
import { conflict } from '../problem.js';
import { workflowId } from '../../workflows/ids.js';
import { masterDataSync } from '../../workflows/masterDataSync.js';
import { VrsCompany, VrsKind, VrsProgress } from '../../workflows/searchAttributes.js';

/**
 * Starts the producer's master-data sync under its deterministic id. While one runs, a second
 * start is refused (409 naming the running workflow); once it has closed, the id is reused.
 */
export async function launchMasterDataSync(deps: ApiDeps, companyId: string): Promise<string> {
  const id = workflowId('masterDataSync', companyId);
  try {
    await deps.temporal.workflow.start(masterDataSync, {
      workflowId: id,
      taskQueue: deps.taskQueueOf('sync'),
      args: [{ companyId }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      typedSearchAttributes: [
        { key: VrsCompany, value: companyId },
        { key: VrsKind, value: 'masterDataSync' },
        { key: VrsProgress, value: 0 },
      ],
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw conflict('a master-data sync is already running for this company', { workflowId: id });
    throw error;
  }
  return id;
}
