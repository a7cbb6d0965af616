import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { LaunchDeps } from './deps.js';
import type { Company } from '../db/repositories/companies.js';
import { companySubject, runDescription, subjectOfCompany } from './runDescription.js';
import { withinDeadline } from './temporalDeadline.js';
import { WakeCoalescer } from './wakeCoalescer.js';
import { workflowId } from '../workflows/ids.js';
import { VrsCompany, VrsKind } from '../workflows/searchAttributes.js';
import { serialEventsQueuedSignal, serialUpdates, type SerialUpdatesInput } from '../workflows/serialUpdates.js';

/**
 * Wakes producers' serialUpdates workflows to drain their queues, starting one if it is not
 * running (signal-with-start: one round trip either way), for the uploads and the worker's
 * periodic sweep alike. One per process, made with its Temporal client, so concurrent wake-ups
 * of a producer coalesce.
 */
export class SerialUpdatesWaker {
  private readonly coalescer = new WakeCoalescer((companyId) => this.signalWithStart(companyId));
  /** Companies the callers had read already, until the next wake-up of each is sent. */
  private readonly known = new Map<string, Company>();

  constructor(private readonly deps: Pick<LaunchDeps, 'db' | 'temporal' | 'taskQueueOf'>) {}

  /**
   * Resolves once a wake-up sent after this call has been accepted by Temporal. An upload passes
   * the company it has read, sparing the wake-up a round trip for the run's description.
   */
  wake(companyId: string, company?: Company): Promise<void> {
    if (company) this.known.set(companyId, company);
    return this.coalescer.request(companyId);
  }

  private async signalWithStart(companyId: string): Promise<void> {
    const { db, temporal, taskQueueOf } = this.deps;
    const company = this.known.get(companyId);
    this.known.delete(companyId);
    const { staticSummary, staticDetails, companyName } = runDescription(
      company ? subjectOfCompany(company) : await companySubject(db, companyId),
      'serialUpdates',
      "the company's uploaded serial events, drained into its read table as they arrive",
    );
    // Temporal out of reach: the upload answers 503 (the sweep drains its events later).
    await withinDeadline(temporal, () =>
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
