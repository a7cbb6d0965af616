import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from '../helpers/api.js';
import { startApiProcess, type ApiProcess } from '../helpers/apiProcess.js';

describe('SIGTERM on the production worker process', () => {
  let ctx: ApiTestContext;
  let worker: ApiProcess | undefined;
  beforeAll(async () => {
    ctx = await createApiTestContext('fault-worker-sigterm');
  });
  afterAll(async () => {
    await worker?.stop(1_000);
    await ctx.close();
  });

  test('stops its workers and the queue sweep, closes its pool and exits 0', async () => {
    // Production queue names on the run's shared dev server: no other test starts work there.
    worker = await startApiProcess(
      {
        DATABASE_URL: ctx.database.url,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        VRS_MASTER_KEY: ctx.deps.config.VRS_MASTER_KEY!,
        SHUTDOWN_GRACE_MS: '4000',
      },
      'worker',
      ['sync'],
    );
    expect(await worker.stop()).toBe(0);
    expect(worker.logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['workers running', 'shutting down', 'stopped']),
    );
  }, 60_000);
});
