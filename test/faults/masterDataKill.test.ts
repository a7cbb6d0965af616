import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchMasterDataSync } from '../../launchers/masterDataSync.js';
import type { MasterDataSyncResult } from '../../workflows/masterDataSync.js';
import { progressQuery } from '../../workflows/progress.js';
import { createApiTestContext, type ApiTestContext } from '../helpers/api.js';
import { company, networkState, productsCsv, upload } from '../helpers/masterData.js';
import { startWorkerProcess, type WorkerProcess } from '../helpers/workerProcess.js';

// The scale, 100,000 products, with FAULT_SCALE=full (.ci/run sets it); 30,000 (15 pages)
// keep a local run short and still leave pages before and after the kill.
const FULL = process.env.FAULT_SCALE === 'full';
const COUNT = FULL ? 100_000 : 30_000;
const PREFIX = '0361414';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const { TimeoutType } = temporal.api.enums.v1;

describe('masterDataSync survives a SIGKILLed worker', () => {
  let ctx: ApiTestContext;
  let producer: Awaited<ReturnType<typeof company>>;
  const workers: WorkerProcess[] = [];
  const startWorker = async () => {
    const worker = await startWorkerProcess({
      DATABASE_URL: ctx.database.url,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      VRS_TEST_TASK_QUEUE: ctx.temporal.taskQueueOf('sync'),
      VRS_MASTER_KEY: ctx.deps.config.VRS_MASTER_KEY!,
    });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    // The kill is about the sync: the 100,000-product file is stored in the request, not in the background.
    ctx = await createApiTestContext('fault-md-kill', { UPLOAD_BACKGROUND_BYTES: String(256 * 1024 * 1024) });
    producer = await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: [PREFIX] });
    const res = await upload(ctx, producer.token, 'text/csv', productsCsv(PREFIX, COUNT));
    expect(((await res.json()) as { accepted: number }).accepted).toBe(COUNT);
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    await ctx.close();
  });

  test(`${COUNT} products, worker killed mid-page and replaced: the page's heartbeat times out, tables equal an undisturbed run`, async () => {
    const first = await startWorker();
    const id = await launchMasterDataSync(ctx.deps, producer.company.id);
    const handle = ctx.temporal.client.workflow.getHandle(id);
    let done = 0;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && done < 4_000; await sleep(25))
      done = (await handle.query(progressQuery)).done;
    expect(done).toBeGreaterThanOrEqual(4_000);
    expect(done).toBeLessThan(COUNT);
    await first.kill();
    await startWorker();
    const disturbed = (await handle.result()) as MasterDataSyncResult;
    const disturbedState = await networkState(ctx.database.db, producer.company.id);

    // The pages the dead worker held were retried after their heartbeat timeout, not the 2-minute start-to-close.
    const history = await handle.fetchHistory();
    // A retried attempt's start event carries why the attempt before it failed.
    const timeouts = (history.events ?? []).flatMap((e) => {
      const started = e.activityTaskStartedEventAttributes;
      return started && (started.attempt ?? 1) > 1 ? [started.lastFailure?.timeoutFailureInfo?.timeoutType] : [];
    });
    expect(timeouts.length).toBeGreaterThan(0);
    expect(new Set(timeouts)).toEqual(new Set([TimeoutType.TIMEOUT_TYPE_HEARTBEAT]));
    expect(disturbed).toMatchObject({ done: COUNT, failed: 0, total: COUNT });

    // The same sync again from an empty network, undisturbed: row for row the same tables.
    await ctx.database.db.deleteFrom('directory_entries').execute();
    await ctx.database.db.deleteFrom('network_products').execute();
    await ctx.database.db.deleteFrom('source_product_sync').execute();
    const again = (await ctx.temporal.client.workflow
      .getHandle(await launchMasterDataSync(ctx.deps, producer.company.id))
      .result()) as MasterDataSyncResult;
    expect(again.counts.synced).toBe(COUNT);
    const undisturbedState = await networkState(ctx.database.db, producer.company.id);
    expect(undisturbedState.products).toHaveLength(COUNT);
    expect(disturbedState).toEqual(undisturbedState);
  }, 300_000); // bounds the full scale too
});
