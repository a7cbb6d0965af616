import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { createPingActivities } from './ping.js';

export interface ActivityDeps {
  db: Kysely<Database>;
  log: Logger;
}

/** All activity families; every worker registers them all, queues only separate the load. */
export const createActivities = (deps: ActivityDeps) => ({
  ...createPingActivities(deps),
});
