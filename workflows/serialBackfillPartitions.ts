import { CancellationScope, isCancellation, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import { progressQuery, ProgressTracker } from './progress.js';
import { VrsCompany, VrsCompanyName, VrsKind } from './searchAttributes.js';
import {
  long,
  partitionProgressSignal,
  short,
  type SerialBackfillInput,
  type SerialBackfillResult,
} from './serialBackfillTypes.js';

// The children run this same workflow type over their ranges.
const serialBackfillName = 'serialBackfill';

/**
 * The fan-out: one child per GTIN range (ids `{workflowId}/{i}`), side by side, each filling its
 * part of this backfill's load; once all are done, the load is keyed and swapped in here. The
 * children report their running totals by signal; progress here is their sum. A cancel (or a
 * failed child) reaches every child, each stops at its next batch boundary, and once all have
 * stopped the load is dropped. No continue-as-new here: children would not survive it, and the
 * history only holds one signal per child call.
 */
export async function backfillPartitions(input: SerialBackfillInput): Promise<SerialBackfillResult> {
  const info = workflowInfo();
  const runId = info.firstExecutionRunId;
  const load = { companyId: input.companyId, runId };
  const tracker = new ProgressTracker();
  const reported = new Map<number, { done: number; total: number }>();
  setHandler(progressQuery, () => tracker.snapshot());
  setHandler(partitionProgressSignal, ({ index, done, total }) => {
    const before = reported.get(index) ?? { done: 0, total: 0 };
    reported.set(index, { done, total });
    tracker.setTotal([...reported.values()].reduce((n, r) => n + r.total, 0));
    if (done > before.done) tracker.add(done - before.done);
  });
  const finish = (status: 'completed' | 'failed' | 'canceled', counts: Record<string, number> = {}) => {
    const { done, failed, total } = tracker.snapshot();
    return CancellationScope.nonCancellable(() =>
      short.recordSyncFinish({ runId, status, done, failed, total, counts, errors: [] }),
    );
  };

  try {
    await short.recordSyncStart({
      runId,
      workflowId: info.workflowId,
      companyId: input.companyId,
      kind: 'serialBackfill',
      total: 0,
    });
    const planned = await short.planSerialPartitions({ companyId: input.companyId, partitions: input.partitions ?? 1 });
    await short.startSerialLoad({ ...load, ranges: planned.map((p) => p.range) });
    const results = await runChildren(
      info.workflowId,
      planned.map(({ range, estimate }, index) => ({
        ...input,
        range,
        estimate,
        parent: { workflowId: info.workflowId, index, runId },
      })),
    );
    const { selected, removed } = await long.finishSerialLoad(load);
    const done = results.reduce((n, r) => n + r.done, 0);
    const result = { done, total: done, selected, removed, resumedAt: results.flatMap((r) => r.resumedAt) };
    // A child's last signal may trail its result; the results are exact.
    const trailing = result.done - tracker.snapshot().done;
    if (trailing > 0) tracker.add(trailing);
    tracker.setTotal(result.total);
    await finish('completed', { selected: result.selected, removed: result.removed });
    return result;
  } catch (error) {
    await CancellationScope.nonCancellable(() => short.abandonSerialLoad(load));
    await finish(isCancellation(error) ? 'canceled' : 'failed');
    throw error;
  }
}

/**
 * Runs one child per input side by side (ids `{parentId}/{i}`) and returns their results. The
 * first to fail cancels the rest, and this returns (or throws) only once every child has
 * stopped: the load must not be dropped while a child still appends to it.
 */
async function runChildren(parentId: string, inputs: SerialBackfillInput[]): Promise<SerialBackfillResult[]> {
  const scope = new CancellationScope();
  // The parent's company name and part number, so each child reads as what it is in the Temporal UI.
  const companyName = workflowInfo().typedSearchAttributes.get(VrsCompanyName);
  const outcomes = await scope.run(async () => {
    const handles = await Promise.all(
      inputs.map((input, index) =>
        startChild(serialBackfillName, {
          workflowId: `${parentId}/${index}`,
          args: [input],
          staticSummary: `Serial backfill for ${companyName ?? input.companyId}: part ${index + 1} of ${inputs.length}`,
          typedSearchAttributes: [
            { key: VrsCompany, value: input.companyId },
            ...(companyName === undefined ? [] : [{ key: VrsCompanyName, value: companyName }]),
            { key: VrsKind, value: 'serialBackfill' },
          ],
        }),
      ),
    );
    const results = handles.map((handle) => handle.result() as Promise<SerialBackfillResult>);
    for (const result of results) result.catch(() => scope.cancel());
    return Promise.allSettled(results);
  });
  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
  // The failure that stopped the others, rather than the cancellations it caused.
  if (failures.length > 0) throw failures.find((reason) => !isCancellation(reason)) ?? failures[0];
  return outcomes.map((o) => (o as PromiseFulfilledResult<SerialBackfillResult>).value);
}
