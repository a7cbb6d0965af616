import type { Kysely } from 'kysely';
import { queuedSerialEvents } from '../../db/serialSync/updateQueue.js';
import { countSyncRuns } from '../../db/repositories/syncRuns.js';
import type { Database } from '../../db/schema.js';
import type { DatabaseFigures } from './apiMetrics.js';

const DEADLINE_MS = 2_000;

/**
 * The scrape-time figures only the database knows. A scrape while PostgreSQL is down or slow
 * answers within the deadline without them (vrs_metrics_database_up 0) instead of hanging.
 */
export async function databaseFigures(db: Kysely<Database>): Promise<DatabaseFigures | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, DEADLINE_MS, undefined)));
  const read = Promise.all([queuedSerialEvents(db), countSyncRuns(db)]).then(
    ([queue, syncRuns]): DatabaseFigures => ({
      queuedSerialEvents: queue.events,
      producersWithQueuedEvents: queue.producers,
      syncRuns,
    }),
    () => undefined,
  );
  try {
    return await Promise.race([read, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
