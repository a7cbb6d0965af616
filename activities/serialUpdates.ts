import type { Kysely } from 'kysely';
import { poolOf } from '../db/pool.js';
import type { Database } from '../db/schema.js';
import { drainSerialQueue, releaseDrainLease, type DrainResult } from '../db/serialSync/drain.js';
import type { Logger } from '../logger.js';
import { readRules } from './serialRules.js';

/** Activities of the serialUpdates workflow (the drain itself is db/serialSync/drain.ts). */
export const createSerialUpdatesActivities = (deps: { db: Kysely<Database>; log: Logger }) => ({
  /** Applies what uploads queued for the producer, for up to a second (see drainSerialQueue). */
  async drainSerialQueue(input: { companyId: string; keepLease: boolean }): Promise<DrainResult> {
    return drainSerialQueue(poolOf(deps.db), input, await readRules(deps.db, input.companyId));
  },

  /** Lets the lease go when the workflow stops (a cancel), so the next upload wakes a new run. */
  async releaseSerialLease(input: { companyId: string }): Promise<void> {
    await releaseDrainLease(poolOf(deps.db), input.companyId);
  },
});
