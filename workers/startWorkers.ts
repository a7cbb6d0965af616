import { Client, type Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { ensureAllDirectoryPullSchedules } from '../launchers/directoryPull.js';
import { listPartners } from '../db/repositories/partners.js';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Installation } from '../db/installation.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { TASK_QUEUES, type QueueName } from '../workflows/ids.js';
import { loadWorkflowBundle } from './bundle.js';
import { createWorkers } from './createWorkers.js';
import { installQuietRuntime } from './runtime.js';
import { startSerialQueueSweep } from './serialQueueSweep.js';
import { connectTemporal } from '../launchers/temporalConnection.js';

export interface RunningWorkers {
  /** Resolves when every worker has stopped; rejects if one fails. */
  done: Promise<void>;
  /** Graceful: in-flight activities finish (or are cancelled at their heartbeat), then the connection closes. */
  shutdown(): Promise<void>;
}

export async function startWorkers(options: {
  config: Config;
  db: Kysely<Database>;
  log: Logger;
  installation: Installation;
  temporalAddress: string;
  /** Every task queue when left out. */
  queues?: QueueName[];
}): Promise<RunningWorkers> {
  const queues = options.queues?.length ? options.queues : (Object.keys(TASK_QUEUES) as QueueName[]);
  installQuietRuntime();
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  const workers = await createWorkers({
    connection,
    namespace: options.config.TEMPORAL_NAMESPACE,
    bundle: await loadWorkflowBundle(),
    deps: { db: options.db, log: options.log, config: options.config, installation: options.installation },
    queues,
    shutdownGraceMs: options.config.SHUTDOWN_GRACE_MS,
  });
  // The sync queue's workers also sweep the serial update queue (see serialQueueSweep.ts).
  const sweep = queues.includes('sync')
    ? startSerialQueueSweep({
        db: options.db,
        client: new Client({ connection, namespace: options.config.TEMPORAL_NAMESPACE }),
        taskQueue: TASK_QUEUES.sync,
        intervalMs: options.config.SERIAL_SWEEP_INTERVAL_SEC * 1000,
        log: options.log,
      })
    : undefined;
  const done = Promise.all(workers.map((w) => w.run()))
    .finally(() => sweep?.stop())
    .then(() => connection.close());
  options.log.info({ queues }, 'workers running');
  if (queues.includes('routing')) await ensurePullSchedules(options);
  return {
    done,
    async shutdown() {
      sweep?.stop();
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}

/**
 * Every partner's directory pull schedule as its settings say, at each start of a routing worker:
 * partners made while Temporal was unreachable, or before schedules existed, get theirs. Idempotent;
 * a failure is logged and the workers keep running (the next start, or a pull request, retries).
 */
async function ensurePullSchedules(options: {
  config: Config;
  db: Kysely<Database>;
  log: Logger;
  temporalAddress: string;
}): Promise<void> {
  let connection: Connection | undefined;
  try {
    connection = await connectTemporal(options.temporalAddress, { lazy: false });
    const client = new Client({ connection, namespace: options.config.TEMPORAL_NAMESPACE });
    await ensureAllDirectoryPullSchedules(
      { client, taskQueue: TASK_QUEUES.routing, defaultIntervalMinutes: options.config.DIRECTORY_PULL_INTERVAL_MIN },
      await listPartners(options.db),
    );
  } catch (error) {
    options.log.error({ err: error }, 'directory pull schedules not ensured');
  } finally {
    await connection?.close();
  }
}
