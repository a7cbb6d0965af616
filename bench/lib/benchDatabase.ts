import { startThrowawayPostgres } from '../../db/embedded.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createDb } from '../../db/pool.js';
import { freePort } from '../../scripts/lib/freePort.js';

/** A throwaway embedded PostgreSQL (or DATABASE_URL), migrated, for one benchmark run; `settings` tune the embedded one. */
export async function startBenchDatabase(poolSize: number, settings?: Record<string, string>) {
  const server = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres(await freePort(), settings);
  const url = process.env.DATABASE_URL ?? server!.url;
  const db = createDb({ connectionString: url, max: poolSize });
  await migrateToLatest(db);
  return {
    db,
    url,
    async stop() {
      await db.destroy();
      await server?.stop();
    },
  };
}
