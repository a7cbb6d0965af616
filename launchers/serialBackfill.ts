import type { LaunchDeps } from './deps.js';
import { serialBackfill, type SerialBackfillInput } from '../workflows/serialBackfill.js';
import { startSyncRun } from './startSyncRun.js';

/** Starts the producer's serial backfill; refused (AlreadyRunning) while one runs. */
export function launchSerialBackfill(
  deps: Pick<LaunchDeps, 'db' | 'temporal' | 'taskQueueOf'>,
  input: SerialBackfillInput,
): Promise<string> {
  const parts = input.partitions ?? 1;
  return startSyncRun(deps, {
    kind: 'serialBackfill',
    workflow: serialBackfill,
    companyId: input.companyId,
    input,
    scope: `every serial of the company under its serial rules, rebuilt in ${parts} GTIN-range part${parts === 1 ? '' : 's'}`,
    runningDetail: 'a serial backfill is already running for this company',
  });
}
