import { sql } from 'kysely';
import { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';

async function probe(check: () => Promise<unknown>): Promise<'ok' | string> {
  try {
    await check();
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Liveness and readiness: both the database and Temporal must answer. */
export function healthRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>().get('/healthz', async (c) => {
    const [database, temporal] = await Promise.all([
      probe(() => sql`select 1`.execute(deps.db)),
      probe(() => deps.temporal.workflowService.getSystemInfo({})),
    ]);
    const healthy = database === 'ok' && temporal === 'ok';
    return c.json({ status: healthy ? 'ok' : 'unavailable', database, temporal }, healthy ? 200 : 503);
  });
}
