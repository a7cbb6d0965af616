import { loadConfig } from '../config.js';
import { ensureInstallation } from '../db/installation.js';
import { createDb } from '../db/pool.js';
import { createLogger } from '../logger.js';
import { lowerCpuPriority } from './cpuPriority.js';
import { TASK_QUEUES, type QueueName } from '../workflows/ids.js';
import { startWorkers } from './startWorkers.js';

/**
 * Production worker process: `tsx workers/main.ts [sync|routing|certs ...]` (default: all
 * queues). Operators scale each queue apart by running one process per queue.
 */
async function run(): Promise<void> {
  const config = loadConfig();
  lowerCpuPriority(config.WORKER_NICE);
  const queues = process.argv.slice(2) as QueueName[];
  const unknown = queues.filter((q) => !(q in TASK_QUEUES));
  if (unknown.length)
    throw new Error(`unknown task queue ${unknown.join(', ')}; expected ${Object.keys(TASK_QUEUES).join(', ')}`);
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS)
    throw new Error('DATABASE_URL and TEMPORAL_ADDRESS are required (npm start sets them up locally)');
  const log = createLogger(config.LOG_LEVEL, { component: 'worker' });
  const db = createDb({
    connectionString: config.DATABASE_URL,
    max: config.DB_POOL_SIZE,
    applicationName: 'vrs-worker',
  });
  const installation = await ensureInstallation(db, { masterKey: config.VRS_MASTER_KEY, vrsName: config.VRS_NAME });
  const workers = await startWorkers({
    config,
    db,
    log,
    installation,
    temporalAddress: config.TEMPORAL_ADDRESS,
    queues,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      log.info({ graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down');
      workers.shutdown().catch(() => undefined); // `done` below reports the outcome
    });
  await workers.done;
  await db.destroy();
  log.info('stopped');
  process.exit(0);
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
