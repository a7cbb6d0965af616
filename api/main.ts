import { loadConfig } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureInstallation } from '../db/installation.js';
import { createDb, SERVER_POOL_IDLE_MS } from '../db/pool.js';
import { createLogger } from '../logger.js';
import { startApiServer } from './server.js';

/** Production API process. */
async function run(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS)
    throw new Error('DATABASE_URL and TEMPORAL_ADDRESS are required (npm start sets them up locally)');
  const log = createLogger(config.LOG_LEVEL, { component: 'api' });
  const db = createDb({
    connectionString: config.DATABASE_URL,
    max: config.DB_POOL_SIZE,
    applicationName: 'vrs-api',
    idleTimeoutMs: SERVER_POOL_IDLE_MS,
  });
  if (config.RUN_MIGRATIONS) for (const line of await migrateToLatest(db)) log.info(line);
  const installation = await ensureInstallation(db, { masterKey: config.VRS_MASTER_KEY, vrsName: config.VRS_NAME });
  const api = await startApiServer({
    config,
    db,
    databaseUrl: config.DATABASE_URL,
    log,
    installation,
    temporalAddress: config.TEMPORAL_ADDRESS,
  });
  const stop = async () => {
    log.info({ graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down');
    try {
      await api.close();
      await db.destroy();
    } catch (error) {
      log.error({ err: error }, 'shutdown incomplete');
      process.exit(1);
    }
    log.info('stopped');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
