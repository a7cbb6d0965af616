import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { insertCompany } from '../../db/repositories/companies.js';
import { putSerialRules } from '../../db/repositories/serialRules.js';
import { launchSerialBackfill } from '../../launchers/serialBackfill.js';
import { progressQuery } from '../../workflows/progress.js';
import { VrsCompany, VrsKind } from '../../workflows/searchAttributes.js';
import type { SerialBackfillResult } from '../../workflows/serialBackfill.js';
import { createApiTestContext, type ApiTestContext } from '../helpers/api.js';
import { seedSyntheticSerials } from '../helpers/serialFixtures.js';
import { differences, expectedStates, readNetworkStates, readSourceEvents } from '../helpers/serials.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/workerProcess.js';

const SERIALS = 200_000;
const BATCH = 2_000;
const PER_CALL = 20; // 40k rows per activity call

// Serials the load has committed (the read table only changes at the swap).
const loaded = async (ctx: ApiTestContext) =>
  Number(
    (
      await ctx.database.db
        .selectFrom('serial_load_parts')
        .select((eb) => eb.fn.coalesce(eb.fn.sum('serials'), eb.lit(0)).as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

describe('serialBackfill survives a SIGKILLed worker', () => {
  let ctx: ApiTestContext;
  let companyId: string;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    ctx = await createApiTestContext('serial-kill');
    companyId = (
      await insertCompany(ctx.database.db, {
        name: 'Kill Pharma',
        gln: '0614141000005',
        roles: ['producer'],
        company_prefixes: ['0305910'],
      })
    ).id;
    await putSerialRules(ctx.database.db, companyId, { enabled: true, include: [] });
    await seedSyntheticSerials(ctx.database.db, companyId, SERIALS);
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await ctx.close();
  });

  test(`${SERIALS} serials, worker killed mid-activity and replaced: exact table, resumed from the last committed batch`, async () => {
    const env = {
      DATABASE_URL: ctx.database.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      VRS_TEST_TASK_QUEUE: ctx.temporal.taskQueueOf('sync'),
      VRS_MASTER_KEY: ctx.deps.config.VRS_MASTER_KEY!,
    };
    const first = await startWorkerProcess(env);
    workers.push(first);
    // callsPerRun 2: the run also continues-as-new twice on the way.
    const id = await launchSerialBackfill(ctx.deps, {
      companyId,
      batchSize: BATCH,
      batchesPerCall: PER_CALL,
      callsPerRun: 2,
    });
    const handle = ctx.temporal.client.workflow.getHandle(id);

    // Kill inside the second activity call (rows 40k-80k), well away from its ends.
    let atKill = 0;
    for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 25))) {
      atKill = await loaded(ctx);
      if (atKill >= 48_000 && atKill <= 72_000) break;
    }
    const progress = await handle.query(progressQuery);
    await first.kill();
    expect(atKill).toBeGreaterThanOrEqual(48_000);
    expect(atKill).toBeLessThanOrEqual(72_000);
    expect(progress.done).toBeGreaterThanOrEqual(40_000);
    expect(progress.done).toBeLessThan(SERIALS);
    const { typedSearchAttributes } = await handle.describe();
    expect(typedSearchAttributes.get(VrsCompany)).toBe(companyId);
    expect(typedSearchAttributes.get(VrsKind)).toBe('serialBackfill');

    workers.push(await startWorkerProcess(env));
    const result = (await handle.result()) as SerialBackfillResult;

    expect(result.done).toBe(SERIALS);
    // The retried call picked up at the cursor its last batch committed, past the first call's serials.
    expect(result.resumedAt.length).toBeGreaterThanOrEqual(1);
    expect(result.resumedAt[0]).toBeGreaterThan(40_000);
    const actual = await readNetworkStates(ctx.database.db, companyId);
    const expected = expectedStates(await readSourceEvents(ctx.database.db, companyId));
    expect(actual.size).toBe(SERIALS);
    expect(expected.size).toBe(SERIALS);
    expect(differences(actual, expected)).toEqual([]);
    const run = await ctx.database.db
      .selectFrom('sync_runs')
      .selectAll()
      .where('workflow_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'completed', done: SERIALS, total: SERIALS });
  }, 240_000);
});
