import type { Kysely } from 'kysely';
import { recordSyncFinish, recordSyncStart } from '../db/repositories/syncRuns.js';
import type { Database } from '../db/schema.js';

/** The `sync_runs` bookkeeping every sync workflow shares (master data, serials). */
export const createSyncRunActivities = (deps: { db: Kysely<Database> }) => ({
  async recordSyncStart(run: Parameters<typeof recordSyncStart>[1]): Promise<void> {
    await recordSyncStart(deps.db, run);
  },
  async recordSyncFinish(run: Parameters<typeof recordSyncFinish>[1]): Promise<void> {
    await recordSyncFinish(deps.db, run);
  },
});
