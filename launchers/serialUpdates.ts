import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { LaunchDeps } from './deps.js';
import { companySubject, runDescription } from './runDescription.js';
import { WakeCoalescer } from './wakeCoalescer.js';
import { workflowId } from '../workflows/ids.js';
import { VrsCompany, VrsKind } from '../workflows/searchAttributes.js';
import { serialEventsQueuedSignal, serialUpdates, type SerialUpdatesInput } from '../workflows/serialUpdates.js';

// Temporal out of reach: the upload answers 503 after this rather than waiting out the client's retries (the sweep drains it later).
const WAKE_TIMEOUT_MS = 3_000;

/**
 * Wakes producers' serialUpdates workflows to drain their queues, starting one if it is not
 * running (signal-with-start: one round trip either way), for the uploads and the worker's
 * periodic sweep alike. One per process, made with its Temporal client, so concurrent wake-ups
 * of a producer coalesce.
 */
export class SerialUpdatesWaker {
  private readonly coalescer = new WakeCoalescer((companyId) => this.signalWithStart(companyId));

  constructor(private readonly deps: Pick<LaunchDeps, 'db' | 'temporal' | 'taskQueueOf'>) {}

  /** Resolves once a wake-up sent after this call has been accepted by Temporal. */
  wake(companyId: string): Promise<void> {
    return this.coalescer.request(companyId);
  }

  private async signalWithStart(companyId: string): Promise<void> {
    const { db, temporal, taskQueueOf } = this.deps;
    const { staticSummary, staticDetails, companyName } = runDescription(
      await companySubject(db, companyId),
      'serialUpdates',
      "the company's uploaded serial events, drained into its read table as they arrive",
    );
    await temporal.withDeadline(Date.now() + WAKE_TIMEOUT_MS, () =>
      temporal.workflow.signalWithStart(serialUpdates, {
        workflowId: workflowId('serialUpdates', companyId),
        taskQueue: taskQueueOf('sync'),
        args: [{ companyId }] as [SerialUpdatesInput],
        signal: serialEventsQueuedSignal,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        staticSummary,
        staticDetails,
        typedSearchAttributes: [
          { key: VrsCompany, value: companyId },
          companyName,
          { key: VrsKind, value: 'serialUpdates' },
        ],
      }),
    );
  }
}
