import type { LaunchDeps } from './deps.js';
import { masterDataSync } from '../workflows/masterDataSync.js';
import { startSyncRun } from './startSyncRun.js';

/** Starts the producer's master-data sync; refused (AlreadyRunning) while one runs. */
export function launchMasterDataSync(
  deps: Pick<LaunchDeps, 'db' | 'temporal' | 'taskQueueOf'>,
  companyId: string,
): Promise<string> {
  return startSyncRun(deps, {
    kind: 'masterDataSync',
    workflow: masterDataSync,
    companyId,
    input: { companyId },
    scope: "every product in the company's source store, under its master-data rules",
    runningDetail: 'a master-data sync is already running for this company',
  });
}
