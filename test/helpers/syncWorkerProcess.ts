import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import { loadConfig } from '../../config.js';
import { ensureInstallation } from '../../db/installation.js';
import { createDb } from '../../db/pool.js';
import { createLogger } from '../../logger.js';
import { loadWorkflowBundle } from '../../workers/bundle.js';
import { installQuietRuntime } from '../../workers/runtime.js';
import { startSerialQueueSweep } from '../../workers/serialQueueSweep.js';
import { Client } from '@temporalio/client';

/**
 * A real worker process for one test's sync queue (env VRS_TEST_TASK_QUEUE), so a test can
 * SIGKILL it mid-batch. Heartbeats reach the server at most every 200 ms, so a retry resumes
 * from (almost) the last committed batch; the production default throttle is 80% of the
 * heartbeat timeout.
 */
async function run(): Promise<void> {
  const config = loadConfig();
  const taskQueue = process.env.VRS_TEST_TASK_QUEUE;
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS || !taskQueue)
    throw new Error('DATABASE_URL, TEMPORAL_ADDRESS and VRS_TEST_TASK_QUEUE are required');
  installQuietRuntime();
  const log = createLogger('warn', { component: 'test-worker' });
  const db = createDb({ connectionString: config.DATABASE_URL, max: 5 });
  const installation = await ensureInstallation(db, { masterKey: config.VRS_MASTER_KEY, vrsName: config.VRS_NAME });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: await loadWorkflowBundle(),
    activities: createActivities({ db, log, config, installation }),
    maxHeartbeatThrottleInterval: '200ms',
  });
  // As the production sync worker does (workers/startWorkers.ts), on this test's queue.
  const sweep = startSerialQueueSweep({
    db,
    client: new Client({ connection }),
    taskQueue,
    intervalMs: config.SERIAL_SWEEP_INTERVAL_SEC * 1000,
    log,
  });
  process.once('SIGTERM', () => {
    sweep.stop();
    worker.shutdown();
  });
  const running = worker.run();
  console.log('worker ready');
  await running;
  sweep.stop();
  await connection.close();
  await db.destroy();
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
