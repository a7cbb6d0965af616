import type { Kysely } from 'kysely';
import { poolOf } from '../db/pool.js';
import { analyzeIfGrown } from '../db/repositories/tableStatistics.js';
import type { Database } from '../db/schema.js';
import { drainSerialQueue, releaseDrainLease, type DrainResult } from '../db/serialSync/drain.js';
import { serialTableOf } from '../db/serialSync/serialTables.js';
import type { Logger } from '../logger.js';
import { readRules } from './serialRules.js';

/** Activities of the serialUpdates workflow (the drain itself is db/serialSync/drain.ts). */
export const createSerialUpdatesActivities = (deps: { db: Kysely<Database>; log: Logger }) => ({
  /** Applies what uploads queued for the producer, for up to a second (see drainSerialQueue). */
  async drainSerialQueue(input: { companyId: string; keepLease: boolean }): Promise<DrainResult> {
    const result = await drainSerialQueue(poolOf(deps.db), input, await readRules(deps.db, input.companyId));
    // Verify prepares its statement per producer table: a table grown by uploads from a few rows
    // would otherwise keep a sequential-scan plan until autovacuum's next analyze.
    await analyzeIfGrown(deps.db, serialTableOf(input.companyId), result.selected);
    return result;
  },

  /** Lets the lease go when the workflow stops (a cancel), so the next upload wakes a new run. */
  async releaseSerialLease(input: { companyId: string }): Promise<void> {
    await releaseDrainLease(poolOf(deps.db), input.companyId);
  },
});
