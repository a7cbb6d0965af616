import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { progressQuery, ProgressTracker } from './progress.js';
import { syncFailure } from './syncErrors.js';
import { backfillPartitions } from './serialBackfillPartitions.js';
import {
  DEFAULTS,
  long,
  partitionProgressSignal,
  short,
  type BackfillCarry,
  type SerialBackfillInput,
  type SerialBackfillResult,
} from './serialBackfillTypes.js';

export { partitionProgressSignal, type SerialBackfillInput, type SerialBackfillResult } from './serialBackfillTypes.js';

/**
 * Copies the latest state of every serial the producer's rules select into a load beside the
 * producer's table, batch by batch in key order (a keyset cursor committed with each batch),
 * then keys it and swaps it in for the producer's partition of network_serials. With
 * `partitions` it fans out into children over GTIN ranges, each filling its part of the load.
 */
export async function serialBackfill(input: SerialBackfillInput): Promise<SerialBackfillResult> {
  if ((input.partitions ?? 1) > 1 && input.parent === undefined) return backfillPartitions(input);
  return backfillRange(input);
}

const freshCarry = (): BackfillCarry => ({
  progress: { done: 0, failed: 0, total: 0, startedAt: new Date().toISOString() },
  resumedAt: [],
});

async function backfillRange(input: SerialBackfillInput): Promise<SerialBackfillResult> {
  const info = workflowInfo();
  const top = input.parent === undefined;
  // The load belongs to the top-level backfill; a child fills its part of its parent's.
  const load = { companyId: input.companyId, runId: input.parent?.runId ?? info.firstExecutionRunId };
  const carry = input.carry ?? freshCarry();
  const tracker = new ProgressTracker(carry.progress);
  setHandler(progressQuery, () => tracker.snapshot());
  const range = input.range ?? {};
  const record = (total: number) =>
    top
      ? short.recordSyncStart({
          runId: load.runId,
          workflowId: info.workflowId,
          companyId: input.companyId,
          kind: 'serialBackfill',
          total,
        })
      : Promise.resolve();
  const finish = (status: 'completed' | 'failed' | 'canceled', counts: Record<string, number> = {}) => {
    const { done, failed, total } = tracker.snapshot();
    if (!top) return Promise.resolve();
    return CancellationScope.nonCancellable(() =>
      short.recordSyncFinish({ runId: load.runId, status, done, failed, total, counts, errors: [] }),
    );
  };
  const report = async () => {
    if (!input.parent) return;
    const { done, total } = tracker.snapshot();
    await getExternalWorkflowHandle(input.parent.workflowId).signal(partitionProgressSignal, {
      index: input.parent.index,
      done,
      total,
    });
  };

  let continueNow = false;
  let counts = { selected: 0, removed: 0 };
  try {
    if (!input.carry) {
      // A child's range and estimate come from its parent's plan.
      const estimate = top
        ? (await short.planSerialPartitions({ companyId: input.companyId, partitions: 1 }))[0]!.estimate
        : (input.estimate ?? 0);
      tracker.setTotal(estimate);
      await record(estimate);
      await report();
      if (top) await short.startSerialLoad({ ...load, ranges: [range] });
    }
    const batchSize = input.batchSize ?? DEFAULTS.batchSize;
    for (let calls = 1; !continueNow; calls++) {
      const result = await long.copySerialBatches({
        ...load,
        part: input.parent?.index ?? 0,
        batchSize,
        maxBatches: input.batchesPerCall ?? DEFAULTS.batchesPerCall,
      });
      if (result.resumedAtSerials !== null) carry.resumedAt.push(result.resumedAtSerials);
      tracker.add(result.serials - tracker.snapshot().done);
      counts = { selected: result.selected, removed: 0 };
      await report();
      if (result.finished) break;
      continueNow = calls >= (input.callsPerRun ?? DEFAULTS.callsPerRun) || workflowInfo().continueAsNewSuggested;
    }
    if (top && !continueNow) {
      const { selected, removed } = await long.finishSerialLoad(load);
      counts = { selected, removed };
    }
  } catch (error) {
    if (top) await CancellationScope.nonCancellable(() => short.abandonSerialLoad(load));
    await finish(isCancellation(error) ? 'canceled' : 'failed');
    throw isCancellation(error) ? error : syncFailure('serialBackfill', error);
  }

  if (continueNow) {
    await condition(allHandlersFinished);
    const { done, failed, total, startedAt } = tracker.snapshot();
    return continueAsNew<typeof serialBackfill>({
      ...input,
      carry: { ...carry, progress: { done, failed, total, startedAt } },
    });
  }
  const { done } = tracker.snapshot();
  // Serials stored while the backfill ran can leave the count off; the end is exact.
  tracker.setTotal(done);
  await finish('completed', counts);
  return { done, total: done, ...counts, resumedAt: carry.resumedAt };
}
