import { WorkflowIdConflictPolicy, type Client } from '@temporalio/client';
import type { SeqRange } from '../../domain/serials/seqRanges.js';
import type { ApiDeps } from '../deps.js';
import { SignalCoalescer } from '../serials/signalCoalescer.js';
import { workflowId } from '../../workflows/ids.js';
import { VrsCompany, VrsKind } from '../../workflows/searchAttributes.js';
import { newSerialEventsSignal, serialUpdates } from '../../workflows/serialUpdates.js';

type Deps = Pick<ApiDeps, 'temporal' | 'taskQueueOf'>;

// One coalescer per Temporal client, i.e. per API process (tests build several apps).
const coalescers = new WeakMap<Client, SignalCoalescer>();

/**
 * Hands the seq ranges of freshly stored events to the producer's serialUpdates workflow,
 * starting it if it is not running (signal-with-start: one round trip either way). Resolves
 * once the signal carrying these ranges has been accepted by Temporal.
 */
export function signalSerialUpdates(deps: Deps, companyId: string, ranges: readonly SeqRange[]): Promise<void> {
  let coalescer = coalescers.get(deps.temporal);
  if (!coalescer) coalescers.set(deps.temporal, (coalescer = new SignalCoalescer((company, ranges) => signalWithStart(deps, company, ranges))));
  return coalescer.signal(companyId, ranges);
}

async function signalWithStart(deps: Deps, companyId: string, ranges: SeqRange[]): Promise<void> {
  await deps.temporal.workflow.signalWithStart(serialUpdates, {
    workflowId: workflowId('serialUpdates', companyId),
    taskQueue: deps.taskQueueOf('sync'),
    args: [{ companyId }],
    signal: newSerialEventsSignal,
    signalArgs: [ranges],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [
      { key: VrsCompany, value: companyId },
      { key: VrsKind, value: 'serialUpdates' },
    ],
  });
}
