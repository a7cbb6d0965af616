import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, productsCsv, syncThroughApi, upload } from './helpers/masterData.js';

interface Sync {
  workflowId: string;
  runId: string;
  kind: string;
  status: string;
  progress: { done: number; total: number };
  counts: Record<string, number>;
  startedAt: string;
  finishedAt: string | null;
}
interface SyncList {
  items: Sync[];
  nextCursor: string | null;
  lastCompleted: Sync[];
}

describe('GET /v1/syncs: a company sees its own runs, newest first', () => {
  let ctx: ApiTestContext;
  let token: string;
  let otherToken: string;
  const list = async (query = '', as = token) => {
    const res = await ctx.call('GET', `/v1/syncs${query}`, { token: as });
    expect(res.status).toBe(200);
    return (await res.json()) as SyncList;
  };

  beforeAll(async () => {
    ctx = await createApiTestContext('sync-list');
    ({ token } = await company(ctx.database.db, { gln: '0312345000011', roles: ['producer'], prefixes: ['0305910'] }));
    ({ token: otherToken } = await company(ctx.database.db, { gln: '0614141000005', roles: ['producer'] }));
    expect((await upload(ctx, token, 'text/csv', productsCsv('0305910', 5))).status).toBe(200);
  });
  afterAll(() => ctx.close());

  test('a cancelled run is listed first and does not hide the last completed one', async () => {
    const completed = await ctx.withWorkers(() => syncThroughApi(ctx, token));
    const done = await list();
    expect(done.items).toHaveLength(1);
    expect(done.items[0]).toMatchObject({
      kind: 'masterDataSync',
      status: 'completed',
      progress: { done: 5, total: 5 },
    });
    expect(done.items[0]!.counts).toMatchObject({ synced: 5 });
    expect(done.items[0]!.finishedAt).not.toBeNull();

    // Started with no worker polling: the list shows it at once, running; then cancelled before its first page.
    const started = await ctx.call('POST', '/v1/syncs/master-data', { token });
    expect(started.status).toBe(202);
    const running = await list();
    expect(running.items.map((s) => s.status)).toEqual(['running', 'completed']);
    expect(running.items[0]!.finishedAt).toBeNull();
    expect((await ctx.call('POST', `/v1/syncs/${completed.workflowId}/cancel`, { token })).status).toBe(202);
    await ctx.withWorkers(async () => {
      await expect(ctx.temporal.client.workflow.getHandle(completed.workflowId).result()).rejects.toBeInstanceOf(
        WorkflowFailedError,
      );
    });

    const after = await list();
    expect(after.items.map((s) => s.status)).toEqual(['canceled', 'completed']);
    expect(after.items[0]!.runId).not.toBe(after.items[1]!.runId);
    expect(after.lastCompleted).toEqual([after.items[1]]);
    // The workflow id is the same for both runs; the single-sync view shows the newest, the list both.
    expect(after.items[0]!.workflowId).toBe(after.items[1]!.workflowId);

    const first = await list('?limit=1');
    expect(first.items.map((s) => s.status)).toEqual(['canceled']);
    const second = await list(`?limit=1&cursor=${first.nextCursor}`);
    expect(second.items.map((s) => s.status)).toEqual(['completed']);
    expect((await list(`?limit=1&cursor=${second.nextCursor}`)).items).toEqual([]);
    expect((await list('?kind=serialBackfill')).items).toEqual([]);
  });

  test("another company's runs are never listed", async () => {
    expect(await list('', otherToken)).toEqual({ items: [], nextCursor: null, lastCompleted: [] });
    expect((await ctx.call('GET', '/v1/syncs?cursor=nope', { token })).status).toBe(400);
  });
});
