import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { SeqRange } from '../../domain/serials/seqRanges.js';
import type { ApiDeps } from '../deps.js';
import { workflowId } from '../../workflows/ids.js';
import { VrsCompany, VrsKind } from '../../workflows/searchAttributes.js';
import { newSerialEventsSignal, serialUpdates } from '../../workflows/serialUpdates.js';

/**
 * Hands the seq range of freshly stored events to the producer's serialUpdates workflow,
 * starting it if it is not running (signal-with-start: one round trip either way).
 */
export async function signalSerialUpdates(deps: Pick<ApiDeps, 'temporal' | 'taskQueueOf'>, companyId: string, range: SeqRange): Promise<string> {
  const id = workflowId('serialUpdates', companyId);
  await deps.temporal.workflow.signalWithStart(serialUpdates, {
    workflowId: id,
    taskQueue: deps.taskQueueOf('sync'),
    args: [{ companyId }],
    signal: newSerialEventsSignal,
    signalArgs: [range],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [
      { key: VrsCompany, value: companyId },
      { key: VrsKind, value: 'serialUpdates' },
    ],
  });
  return id;
}
