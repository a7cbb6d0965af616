import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { DEFAULT_TUNING, PARALLEL_PAGES } from '../workflows/masterDataSync.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, gtinUnder, networkState, sourceSyncStates, syncThroughApi, upload } from './helpers/masterData.js';

const PREFIX = '0361414';
const COUNT = 12_000;
const PAGE_SIZE = DEFAULT_TUNING.pageSize;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every tenth product is for the UK only (skipped), every 13th is excluded by the rules. */
function csv(): string {
  const lines = ['gtin,brandName,functionalName,targetMarkets'];
  for (let i = 0; i < COUNT; i++)
    lines.push(
      `${gtinUnder(PREFIX, i)},${i % 13 === 0 ? 'Excluded' : `Brand ${i % 5}`},Tablets,${i % 10 === 0 ? '826' : '840;630'}`,
    );
  return lines.join('\n');
}

describe('masterDataSync survives a dropped database connection and stops cleanly on cancel', () => {
  let ctx: ApiTestContext;
  let producer: Awaited<ReturnType<typeof company>>;
  const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  /** Kills every connection of this file's database: the worker's transactions die mid-statement. */
  const dropConnections = () =>
    admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [ctx.database.name],
    );
  const resetNetwork = async () => {
    await ctx.database.db.deleteFrom('directory_entries').execute();
    await ctx.database.db.deleteFrom('network_products').execute();
    await ctx.database.db.deleteFrom('source_product_sync').execute();
  };

  beforeAll(async () => {
    ctx = await createApiTestContext('masterDataRecovery');
    await admin.connect();
    producer = await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: [PREFIX] });
    expect(
      ((await (await upload(ctx, producer.token, 'text/csv', csv())).json()) as { accepted: number }).accepted,
    ).toBe(COUNT);
    await ctx.call('PUT', '/v1/rules/master-data', {
      token: producer.token,
      body: { exclude: [{ brandName: 'excluded' }] },
    });
  });
  afterAll(async () => {
    await admin.end();
    await ctx.close();
  });

  test('connections dropped mid-sync: the failed page is retried and the result equals an undisturbed run', async () => {
    const disturbed = await ctx.withWorkers(async () => {
      const res = await ctx.call('POST', '/v1/syncs/master-data', { token: producer.token });
      const { workflowId } = (await res.json()) as { workflowId: string };
      const handle = ctx.temporal.client.workflow.getHandle(workflowId);
      // Drop connections until a page attempt has failed (a retry is pending) or the sync is over.
      let retried = false;
      for (let i = 0; i < 60 && !retried; i++) {
        const described = await handle.describe();
        if (described.status.name !== 'RUNNING') break;
        retried = (described.raw.pendingActivities ?? []).some((a) => (a.attempt ?? 1) > 1);
        if (!retried) await dropConnections();
        await sleep(50);
      }
      const result = await handle.result();
      const history = await handle.fetchHistory();
      const attempts = (history.events ?? []).map((e) => e.activityTaskStartedEventAttributes?.attempt ?? 1);
      return {
        result,
        maxAttempt: Math.max(...attempts),
        state: await networkState(ctx.database.db, producer.company.id),
      };
    });
    expect(disturbed.maxAttempt).toBeGreaterThan(1);

    await resetNetwork();
    const undisturbed = await ctx.withWorkers(() => syncThroughApi(ctx, producer.token));
    const state = await networkState(ctx.database.db, producer.company.id);
    expect(disturbed.state).toEqual(state);
    expect(state.products).toHaveLength(COUNT - COUNT / 10 - Math.ceil(COUNT / 13) + Math.ceil(COUNT / 130));
    // A page whose commit landed just before its connection died counts as unchanged on retry; the sum is the same.
    const published = (r: { counts: { synced: number; unchanged: number } }) => r.counts.synced + r.counts.unchanged;
    expect(published(disturbed.result)).toBe(published(undisturbed.result));
    expect(disturbed.result).toMatchObject({ done: COUNT, failed: 0, total: COUNT });
  });

  test('cancel stops at a page boundary: the pages under way finish, no later page starts', async () => {
    await resetNetwork();
    // An uncommitted network row for one product of each of the first PARALLEL_PAGES pages holds
    // them (at their network insert, same primary key) until we let go.
    const blocker = new pg.Client({ connectionString: ctx.database.url });
    await blocker.connect();
    await blocker.query('begin');
    const held = Array.from({ length: PARALLEL_PAGES }, (_, i) => gtinUnder(PREFIX, i * PAGE_SIZE + 7));
    await blocker.query(
      `insert into network_products (gtin, producer_company_id, producer_gln, data, source_hash)
      select g, c.id, c.gln, '{}', 'held' from unnest($2::text[]) g, companies c where c.id = $1`,
      [producer.company.id, held],
    );
    const waiting = async () =>
      Number(
        (
          await admin.query(`select count(*) from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'`, [
            ctx.database.name,
          ])
        ).rows[0].count,
      );
    await ctx
      .withWorkers(async () => {
        const res = await ctx.call('POST', '/v1/syncs/master-data', { token: producer.token });
        const { workflowId } = (await res.json()) as { workflowId: string };
        const handle = ctx.temporal.client.workflow.getHandle(workflowId);
        for (let i = 0; i < 1000 && (await waiting()) < PARALLEL_PAGES; i++) await sleep(20);
        const running = (await (
          await ctx.call('GET', `/v1/syncs/${workflowId}`, { token: producer.token })
        ).json()) as { status: string; progress: { done: number; total: number } };
        expect(running).toMatchObject({ status: 'running', progress: { done: 0, total: COUNT } });
        const cancel = await ctx.call('POST', `/v1/syncs/${workflowId}/cancel`, { token: producer.token });
        expect(cancel.status).toBe(202);
        await sleep(200);
        await blocker.query('rollback');
        await expect(handle.result()).rejects.toThrow();
        expect((await handle.describe()).status.name).toBe('CANCELLED');
        const view = (await (await ctx.call('GET', `/v1/syncs/${workflowId}`, { token: producer.token })).json()) as {
          status: string;
          progress: { done: number };
        };
        expect(view).toMatchObject({ status: 'canceled', progress: { done: PARALLEL_PAGES * PAGE_SIZE } });
        const again = await ctx.call('POST', `/v1/syncs/${workflowId}/cancel`, { token: producer.token });
        expect(again.status).toBe(409);
      })
      .finally(() => blocker.end());
    // Whole pages only, and a prefix of the GTIN order: the pages under way finished, no later one began.
    const states = (await sourceSyncStates(ctx.database.db).execute()).map(({ gtin, sync_state }) => ({
      gtin,
      sync_state,
    }));
    const judged = states.filter((s) => s.sync_state !== 'pending');
    expect(judged).toEqual(states.slice(0, PARALLEL_PAGES * PAGE_SIZE));
    expect(judged.length).toBeLessThan(COUNT);
    const run = await ctx.database.db
      .selectFrom('sync_runs')
      .select(['status', 'done', 'failed'])
      .orderBy('started_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ status: 'canceled', done: PARALLEL_PAGES * PAGE_SIZE, failed: 0 });
  });
});
