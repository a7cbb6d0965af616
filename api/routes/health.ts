import { sql } from 'kysely';
import { Hono, type Context } from 'hono';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';

// A readiness probe must answer well inside an orchestrator's probe timeout, database up or not.
export const READY_TIMEOUT_MS = 1_000;

async function databaseState(deps: Pick<ApiDeps, 'db'>): Promise<'ok' | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([sql`select 1`.execute(deps.db), timeout]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/livez`: the process answers (no I/O, so a liveness probe never restarts a process over a
 * database or Temporal outage). `/readyz` (and `/healthz`, its older name): PostgreSQL answers.
 * Details (error messages, which may name addresses, and Temporal's last-known state, which is
 * not part of readiness) only for the operator token.
 */
export function healthRoutes(deps: Pick<ApiDeps, 'db' | 'temporalHealth'>) {
  const ready = async (c: Context<AppEnv>) => {
    const database = await databaseState(deps);
    const status = database === 'ok' ? 'ok' : 'unavailable';
    const code = database === 'ok' ? 200 : 503;
    if (c.get('principal')?.kind !== 'operator') return c.json({ status }, code);
    return c.json({ status, database, temporal: deps.temporalHealth.current() }, code);
  };
  return new Hono<AppEnv>()
    .get('/livez', (c) => c.json({ status: 'ok' }))
    .get('/readyz', ready)
    .get('/healthz', ready);
}
