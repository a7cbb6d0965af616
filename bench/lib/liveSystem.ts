import { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { connectTemporal } from '../../launchers/temporalConnection.js';
import type { LaunchDeps } from '../../launchers/deps.js';
import type { Database } from '../../db/schema.js';
import { startTemporalDevServer } from '../../scripts/lib/temporalDevServer.js';
import { TASK_QUEUES } from '../../workflows/ids.js';
import { startBenchDatabase } from './benchDatabase.js';
import type { ChildServer } from './childServer.js';
import { seedVerifyFixture, type VerifyFixture } from './verifyFixture.js';
import { startApiProcess, startWorkerProcess } from './vrsProcesses.js';

export interface LiveSystem {
  db: Kysely<Database>;
  fixture: VerifyFixture;
  api: ChildServer;
  worker: ChildServer;
  /** What the launchers need to start workflows, as the API does. */
  launch: Pick<LaunchDeps, 'db' | 'temporal' | 'taskQueueOf'>;
  stop(): Promise<void>;
}

/**
 * vrs as deployed: a migrated PostgreSQL (embedded, tuned by `settings`), a Temporal dev server,
 * the production API and one `sync` worker process, and the verify fixture (`verifySerials`
 * serials). `prepare` runs before the processes start (data they should find in place).
 */
export async function startLiveSystem(options: {
  verifySerials: number;
  settings?: Record<string, string>;
  prepare?: (db: Kysely<Database>) => Promise<void>;
}): Promise<LiveSystem> {
  const database = await startBenchDatabase(4, options.settings);
  const temporal = await startTemporalDevServer({ headless: true });
  const started: ChildServer[] = [];
  let client: Client | undefined;
  const stop = async () => {
    for (const child of started.reverse()) await child.stop();
    await client?.connection.close();
    await temporal.stop();
    await database.stop();
  };
  try {
    const fixture = await seedVerifyFixture(database.db, options.verifySerials);
    await options.prepare?.(database.db);
    const env = { ...fixture.apiEnv(database.url), TEMPORAL_ADDRESS: temporal.address };
    const api = await startApiProcess(env);
    started.push(api);
    const worker = await startWorkerProcess(env, ['sync']);
    started.push(worker);
    client = new Client({ connection: await connectTemporal(temporal.address) });
    return {
      db: database.db,
      fixture,
      api,
      worker,
      launch: { db: database.db, temporal: client, taskQueueOf: (q) => TASK_QUEUES[q] },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
