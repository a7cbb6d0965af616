import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from '../helpers/api.js';
import { startApiProcess, type ApiProcess } from '../helpers/apiProcess.js';
import { seedVerifiableNetwork } from '../helpers/faultNetwork.js';
import { startVerifyLoad } from '../helpers/verifyLoad.js';

const GRACE_MS = 5_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGTERM on the API under steady keep-alive load', () => {
  let ctx: ApiTestContext;
  let api: ApiProcess | undefined;
  beforeAll(async () => {
    ctx = await createApiTestContext('fault-sigterm');
  });
  afterAll(async () => {
    await api?.stop(1_000);
    await ctx.close();
  });

  test('the process leaves within SHUTDOWN_GRACE_MS, exits 0, and history holds every 200/404 the clients received', async () => {
    const { token, paths } = await seedVerifiableNetwork(ctx.database.db);
    api = await startApiProcess({
      DATABASE_URL: ctx.database.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      VRS_ADMIN_TOKEN: ADMIN_TOKEN,
      VRS_MASTER_KEY: ctx.deps.config.VRS_MASTER_KEY!,
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      BRUTE_FORCE_LIMIT: '1000000',
    });
    const load = startVerifyLoad({ url: api.url, token, paths, connections: 16 });
    while ((load.counts.status[200] ?? 0) < 1_000) await sleep(20);

    api.signal('SIGTERM');
    // The clients keep sending throughout; the old server served busy keep-alive connections with no deadline.
    const exit = await Promise.race([api.exited, sleep(GRACE_MS + 15_000).then(() => 'still running' as const)]);
    const counts = await load.stop();
    expect(exit).toBe(0);
    expect(api.logs.map((l) => l.msg)).toContain('stopped');
    // Not asserted: whether any client heard `Connection: close`. A client whose connection sat
    // idle for a moment when the drain swept finds it closed instead; which of the two happens
    // is timing (CI runs clean-clone suites where the load generator lags by 50 ms and more).
    expect(Object.keys(counts.status).sort()).toEqual(['200', '404']);
    const answered = counts.status[200]! + counts.status[404]!;
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from verification_history`.execute(
      ctx.database.db,
    );
    expect(rows[0]!.n).toBe(answered);
  }, 90_000);
});
