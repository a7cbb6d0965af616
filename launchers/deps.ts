import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/schema.js';
import type { QueueName } from '../workflows/ids.js';

/** What starting workflows and keeping schedules needs: the API, the workers and the admin script each supply it. */
export interface LaunchDeps {
  db: Kysely<Database>;
  temporal: Client;
  taskQueueOf: (queue: QueueName) => string;
  config: Pick<Config, 'CERT_RENEW_BEFORE_DAYS' | 'CERT_OVERLAP_DAYS' | 'DIRECTORY_PULL_INTERVAL_MIN'>;
}
