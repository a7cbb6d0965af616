import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPacer, type Pacer } from '../activities/pacer.js';
import { committedTransactions } from '../db/repositories/databaseTraffic.js';
import { launchSerialBackfill } from '../launchers/serialBackfill.js';
import { workflowId } from '../workflows/ids.js';
import { masterDataSync, type MasterDataSyncResult } from '../workflows/masterDataSync.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, productsCsv, upload } from './helpers/masterData.js';
import { seedSyntheticSerials } from './helpers/serialFixtures.js';
import { differences, expectedStates, readNetworkStates, readSourceEvents } from './helpers/serials.js';

/** A pacer over a counter and a clock the test moves. */
function scripted(busyAboveTps: number, ratio = 1) {
  const state = { committed: 0, now: 0, reads: 0 };
  const pacer = createPacer({
    committed: () => {
      state.reads++;
      return Promise.resolve(state.committed);
    },
    ratio,
    busyAboveTps,
    now: () => state.now,
  });
  return { state, pacer };
}

/** Starts `n` steps at once: how many ran at the same time at most, and what each was told. */
async function overlapOf(pacer: Pacer, n: number): Promise<{ most: number; busy: boolean[] }> {
  let running = 0;
  let most = 0;
  const busy = await Promise.all(
    Array.from({ length: n }, () =>
      pacer.step(async (yielding) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        return yielding;
      }),
    ),
  );
  return { most, busy };
}

describe('backfills and syncs yield to verify', () => {
  test('busy once others commit more than the threshold per second, judged over a second or more', async () => {
    const { state, pacer } = scripted(100);
    expect(await pacer.busy()).toBe(false); // the first reading: nothing to compare with yet
    state.committed += 500;
    state.now += 400;
    expect(await pacer.busy()).toBe(false); // within the window: the last verdict, no new reading
    expect(state.reads).toBe(1);
    state.now += 600;
    expect(await pacer.busy()).toBe(true); // 500 in 1 s
    state.committed += 150;
    state.now += 2000;
    expect(await pacer.busy()).toBe(false); // 75 per second
    expect(state.reads).toBe(3);
  });

  test('yielding off: steps run at once, side by side, without reading the traffic', async () => {
    const { state, pacer } = scripted(0, 0);
    const seen = await overlapOf(pacer, 3);
    expect(seen).toEqual({ most: 3, busy: [false, false, false] });
    expect(state.reads).toBe(0);
  });

  test('while others are busy, steps take turns; once they are not, they run side by side again', async () => {
    const { state, pacer } = scripted(100);
    await pacer.busy();
    state.committed += 5_000;
    state.now += 1_000;
    expect(await overlapOf(pacer, 3)).toEqual({ most: 1, busy: [true, true, true] });
    state.now += 1_000;
    expect(await overlapOf(pacer, 3)).toEqual({ most: 3, busy: [false, false, false] });
  });

  describe('with every transaction counting as traffic', () => {
    let ctx: ApiTestContext;
    beforeAll(async () => {
      ctx = await createApiTestContext('sync-yield', { SYNC_YIELD_ABOVE_TPS: '0', SYNC_YIELD_RATIO: '1' });
    });
    afterAll(() => ctx.close());

    test("the database's commit counter counts other sessions' transactions", async () => {
      const before = await committedTransactions(ctx.database.db);
      await ctx.database.db.connection().execute(async (session) => {
        for (let i = 0; i < 5; i++) await sql`select 1`.execute(session);
        await sql`select pg_stat_force_next_flush()`.execute(session);
      });
      // The flush lands when that session next goes idle.
      for (let after = before; after < before + 5; await new Promise((r) => setTimeout(r, 50)))
        after = await committedTransactions(ctx.database.db);
    });

    test('a backfill with two parts, taking turns and pausing, loads exactly what the rules select', async () => {
      const producer = await company(ctx.database.db, { gln: '0312345000011', roles: ['producer'] });
      await seedSyntheticSerials(ctx.database.db, producer.company.id, 4_000);
      const rules = { enabled: true, include: [{ status: 'commissioned' as const }] };
      expect((await ctx.call('PUT', '/v1/rules/serials', { token: producer.token, body: rules })).status).toBe(200);
      await ctx.withWorkers(async () => {
        const id = await launchSerialBackfill(ctx.deps, {
          companyId: producer.company.id,
          partitions: 2,
          batchSize: 250,
          batchesPerCall: 4,
        });
        await ctx.temporal.client.workflow.getHandle(id).result();
      });
      const expected = expectedStates(
        await readSourceEvents(ctx.database.db, producer.company.id),
        (s) => s.status === 'commissioned',
      );
      expect(expected.size).toBeGreaterThan(0);
      expect(differences(await readNetworkStates(ctx.database.db, producer.company.id), expected)).toEqual([]);
    });

    test('a master-data sync taking turns and pausing publishes every product', async () => {
      const producer = await company(ctx.database.db, {
        gln: '0361414000001',
        roles: ['producer'],
        prefixes: ['0361414'],
      });
      await upload(ctx, producer.token, 'text/csv', productsCsv('0361414', 600));
      const result = await ctx.withWorkers(() =>
        ctx.temporal.client.workflow.execute(masterDataSync, {
          workflowId: workflowId('masterDataSync', producer.company.id),
          taskQueue: ctx.temporal.taskQueueOf('sync'),
          args: [{ companyId: producer.company.id, tuning: { pageSize: 50 } }],
        }),
      );
      expect(result).toMatchObject<Partial<MasterDataSyncResult>>({ total: 600, done: 600, failed: 0 });
      expect(result.counts.synced).toBe(600);
    });
  });
});
