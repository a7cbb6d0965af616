import { allHandlersFinished, condition, continueAsNew, defineSignal, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createSerialUpdatesActivities } from '../activities/serialUpdates.js';
import { coalesceRanges, type SeqRange } from '../domain/serials/seqRanges.js';
import { progressQuery, ProgressTracker, type SyncProgress } from './progress.js';

// --- Types

export interface SerialUpdatesInput {
  companyId: string;
  /** Applied batches per run before continue-as-new (default BATCHES_PER_RUN). */
  batchesPerRun?: number;
  /** Carried across continue-as-new: ranges signalled but not yet applied, and the totals. */
  pending?: SeqRange[];
  progress?: Pick<SyncProgress, 'done' | 'failed' | 'total' | 'startedAt'>;
}

// --- Signals

/** Sent by the upload route with signal-with-start: the seq ranges of the events it stored. */
export const newSerialEventsSignal = defineSignal<[SeqRange[]]>('newSerialEvents');

// --- Activities

// A local activity: it runs inside the workflow task on the same worker, one server round trip
// less per batch, for the "verifiable within 1 s" target. Each call is one or a few short
// transactions over one burst of uploads, retried fast; a retry recomputes the same states.
const { applySerialEvents } = proxyLocalActivities<ReturnType<typeof createSerialUpdatesActivities>>({
  startToCloseTimeout: '2m',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '30s' },
});

/**
 * Applied batches per run. At a steady 100 uploads/s a signal nearly always races the
 * continue-as-new task; the server then fails that task, and the worker replays the run while
 * signals wait, so the stall grows with the run (100 batches, ~750 events: about 1 s; 20 batches:
 * 0.4 s). Short runs keep p99 event -> verifiable at 100 uploads/s at 0.35-0.45 s (1.0-1.8 s at 100).
 */
export const BATCHES_PER_RUN = 20;

// --- Workflow

/**
 * One per producer (`serialUpdates:{companyId}`), started by the first upload after serial sync
 * is enabled (signal-with-start) and fed by every later one. Ranges that arrive while a batch is
 * applied are applied together as the next batch. Repeated ranges are harmless: a state is only
 * written when it is newer than the stored one.
 */
export async function serialUpdates(input: SerialUpdatesInput): Promise<void> {
  const pending: SeqRange[] = [...(input.pending ?? [])];
  const tracker = new ProgressTracker(input.progress);
  setHandler(newSerialEventsSignal, (ranges) => void pending.push(...ranges));
  setHandler(progressQuery, () => tracker.snapshot());

  for (let batches = 0; batches < (input.batchesPerRun ?? BATCHES_PER_RUN) && !workflowInfo().continueAsNewSuggested; batches++) {
    await condition(() => pending.length > 0);
    const seqRanges = coalesceRanges(pending.splice(0));
    const result = await applySerialEvents({ companyId: input.companyId, seqRanges });
    tracker.setTotal(tracker.snapshot().total + result.rows);
    tracker.add(result.rows);
  }
  // Not from the task that ran the last batch: a local activity keeps its task open, and a signal
  // landing meanwhile makes the server refuse the continue-as-new, replay the run and push back
  // on signals for seconds. The next signal's task is short, so the race is rare; what it
  // carries, and whatever came during the last batch, travels in the input.
  await condition(() => pending.length > 0);
  await condition(allHandlersFinished);
  const { done, failed, total, startedAt } = tracker.snapshot();
  await continueAsNew<typeof serialUpdates>({ ...input, pending: coalesceRanges(pending), progress: { done, failed, total, startedAt } });
}
