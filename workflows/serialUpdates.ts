import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  defineSignal,
  isCancellation,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createSerialUpdatesActivities } from '../activities/serialUpdates.js';
import { progressQuery, ProgressTracker, type SyncProgress } from './progress.js';

// --- Types

export interface SerialUpdatesInput {
  companyId: string;
  /** Drains per run before continue-as-new (default DRAINS_PER_RUN). */
  drainsPerRun?: number;
  /** Carried across continue-as-new. */
  progress?: Pick<SyncProgress, 'done' | 'failed' | 'total' | 'startedAt'>;
}

// --- Signals

/**
 * Sent by an upload (signal-with-start) that queued events and found no drain under way. It
 * carries nothing: the ranges wait in serial_update_queue, so a lost or late wake-up loses nothing.
 */
export const serialEventsQueuedSignal = defineSignal('serialEventsQueued');

// --- Activities

// A local activity: it runs inside the workflow task on the same worker, one server round trip
// less per drain, for the "verifiable within 1 s" target. Each call drains for at most a second;
// a retry takes whatever is still queued (a failed transaction put its ranges back).
const { drainSerialQueue, releaseSerialLease } = proxyLocalActivities<ReturnType<typeof createSerialUpdatesActivities>>(
  {
    startToCloseTimeout: '2m',
    retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '30s' },
  },
);

/**
 * Drains per run. Each is one local activity of up to a second, so a busy run continues as new
 * every few minutes; the last drain keeps the lease, so no upload signals the run meanwhile and
 * nothing races the continue-as-new.
 */
export const DRAINS_PER_RUN = 200;

// --- Workflow

/**
 * One per producer (`serialUpdates:{companyId}`), started by the first upload after serial sync
 * is enabled (signal-with-start) and woken by later ones while it waits. Each drain applies
 * everything queued meanwhile, batch by batch. Repeated ranges are harmless: a state is only
 * written when it is newer than the stored one.
 */
export async function serialUpdates(input: SerialUpdatesInput): Promise<void> {
  // A new run drains first: it was started by a wake-up, or continues a run whose lease held
  // wake-ups back.
  let queued = true;
  const tracker = new ProgressTracker(input.progress);
  setHandler(serialEventsQueuedSignal, () => void (queued = true));
  setHandler(progressQuery, () => tracker.snapshot());

  const drains = input.drainsPerRun ?? DRAINS_PER_RUN;
  try {
    for (let drain = 1; ; drain++) {
      await condition(() => queued);
      queued = false;
      const last = drain >= drains || workflowInfo().continueAsNewSuggested;
      const result = await drainSerialQueue({ companyId: input.companyId, keepLease: last });
      tracker.setTotal(tracker.snapshot().total + result.rows);
      tracker.add(result.rows);
      if (result.more) queued = true;
      if (last) break;
    }
  } catch (error) {
    // Stopped while holding the lease, the next uploads would wake no one until it ran out.
    if (isCancellation(error))
      await CancellationScope.nonCancellable(() => releaseSerialLease({ companyId: input.companyId }));
    throw error;
  }
  await condition(allHandlersFinished);
  const { done, failed, total, startedAt } = tracker.snapshot();
  await continueAsNew<typeof serialUpdates>({ ...input, progress: { done, failed, total, startedAt } });
}
