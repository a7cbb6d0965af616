import { allHandlersFinished, CancellationScope, condition, continueAsNew, getExternalWorkflowHandle, isCancellation, setHandler, workflowInfo } from '@temporalio/workflow';
import { progressQuery, ProgressTracker } from './progress.js';
import { backfillPartitions } from './serialBackfillPartitions.js';
import { DEFAULTS, long, partitionProgressSignal, short, type BackfillCarry, type SerialBackfillInput, type SerialBackfillResult } from './serialBackfillTypes.js';

export { partitionProgressSignal, type SerialBackfillInput, type SerialBackfillResult } from './serialBackfillTypes.js';

/**
 * Copies the latest state of every serial the producer's rules select into network_serials,
 * batch by batch in key order (keyset cursor). With `partitions` it fans out into children over
 * GTIN ranges; each child runs this same loop over its range.
 */
export async function serialBackfill(input: SerialBackfillInput): Promise<SerialBackfillResult> {
  if ((input.partitions ?? 1) > 1 && input.parent === undefined) return backfillPartitions(input);
  return backfillRange(input);
}

const freshCarry = (): BackfillCarry => ({ after: null, progress: { done: 0, failed: 0, total: 0, startedAt: new Date().toISOString() }, counts: { selected: 0, removed: 0 }, resumedAt: [] });

async function backfillRange(input: SerialBackfillInput): Promise<SerialBackfillResult> {
  const info = workflowInfo();
  const runId = info.firstExecutionRunId;
  const carry = input.carry ?? freshCarry();
  const tracker = new ProgressTracker(carry.progress);
  setHandler(progressQuery, () => tracker.snapshot());
  const range = input.range ?? {};
  const top = input.parent === undefined;
  const record = (total: number) => (top ? short.recordSyncStart({ runId, workflowId: info.workflowId, companyId: input.companyId, kind: 'serialBackfill', total }) : Promise.resolve());
  const finish = (status: 'completed' | 'failed' | 'canceled') => {
    const { done, failed, total } = tracker.snapshot();
    if (!top) return Promise.resolve();
    return CancellationScope.nonCancellable(() => short.recordSyncFinish({ runId, status, done, failed, total, counts: { ...carry.counts }, errors: [] }));
  };
  const report = async () => {
    if (!input.parent) return;
    const { done, total } = tracker.snapshot();
    await getExternalWorkflowHandle(input.parent.workflowId).signal(partitionProgressSignal, { index: input.parent.index, done, total });
  };

  let continueNow = false;
  try {
    let counted = Promise.resolve();
    if (!input.carry) {
      await record(0);
      // The total is counted beside the first batches, not before them.
      counted = short.countSerials({ companyId: input.companyId, range }).then(async (total) => {
        tracker.setTotal(total);
        await record(total);
        await report();
      });
    }
    const batchSize = input.batchSize ?? DEFAULTS.batchSize;
    for (let calls = 1; !continueNow; calls++) {
      const result = await long.copySerialBatches({ companyId: input.companyId, range, after: carry.after, batchSize, maxBatches: input.batchesPerCall ?? DEFAULTS.batchesPerCall });
      if (result.resumedAtRows !== null) carry.resumedAt.push(tracker.snapshot().done + result.resumedAtRows);
      tracker.add(result.rows);
      carry.after = result.after;
      carry.counts = { selected: carry.counts.selected + result.selected, removed: carry.counts.removed + result.removed };
      await report();
      if (result.finished) break;
      continueNow = calls >= (input.callsPerRun ?? DEFAULTS.callsPerRun) || workflowInfo().continueAsNewSuggested;
    }
    await counted;
  } catch (error) {
    await finish(isCancellation(error) ? 'canceled' : 'failed');
    throw error;
  }

  if (continueNow) {
    await condition(allHandlersFinished);
    const { done, failed, total, startedAt } = tracker.snapshot();
    return continueAsNew<typeof serialBackfill>({ ...input, carry: { ...carry, progress: { done, failed, total, startedAt } } });
  }
  const { done } = tracker.snapshot();
  // Serials stored while the backfill ran can leave the count off; the end is exact.
  tracker.setTotal(done);
  await finish('completed');
  return { done, total: done, ...carry.counts, resumedAt: carry.resumedAt };
}
