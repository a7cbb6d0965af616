import { CancellationScope, isCancellation, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import { progressQuery, ProgressTracker } from './progress.js';
import { VrsCompany, VrsKind } from './searchAttributes.js';
import { long, partitionProgressSignal, short, type SerialBackfillInput, type SerialBackfillResult } from './serialBackfillTypes.js';

/**
 * The fan-out: one child per GTIN range (ids `{workflowId}/{i}`), side by side, each filling its
 * part of this backfill's load; once all are done, the load is keyed and swapped in here. The
 * children report their running totals by signal; progress here is their sum. A cancel reaches
 * every child, each stops at its next batch boundary, and the load is dropped. No
 * continue-as-new here: children would not survive it, and the history only holds one signal
 * per child call.
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
    return CancellationScope.nonCancellable(() => short.recordSyncFinish({ runId, status, done, failed, total, counts, errors: [] }));
  };

  try {
    await short.recordSyncStart({ runId, workflowId: info.workflowId, companyId: input.companyId, kind: 'serialBackfill', total: 0 });
    const planned = await short.planSerialPartitions({ companyId: input.companyId, partitions: input.partitions ?? 1 });
    await short.startSerialLoad({ ...load, ranges: planned.map((p) => p.range) });
    const children = await Promise.all(
      planned.map(({ range, estimate }, index) =>
        startChild('serialBackfill', {
          workflowId: `${info.workflowId}/${index}`,
          args: [{ ...input, range, estimate, parent: { workflowId: info.workflowId, index, runId } }],
          typedSearchAttributes: [
            { key: VrsCompany, value: input.companyId },
            { key: VrsKind, value: 'serialBackfill' },
          ],
        }),
      ),
    );
    const results = (await Promise.all(children.map((child) => child.result()))) as SerialBackfillResult[];
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
