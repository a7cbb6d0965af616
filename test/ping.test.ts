import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';

describe('ping: API -> Temporal -> worker -> activity -> PostgreSQL', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await createApiTestContext('ping');
  });
  afterAll(() => ctx.close());

  test('the ping workflow reads the database through an activity', async () => {
    const res = await ctx.withWorkers(() =>
      ctx.call('POST', '/v1/admin/ping', { token: ADMIN_TOKEN, body: { message: 'hello' } }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { workflowId: string; message: string; database: string; databaseTime: string };
    expect(body).toMatchObject({ message: 'hello', database: ctx.database.name });
    expect(Number.isNaN(Date.parse(body.databaseTime))).toBe(false);
    const described = await ctx.temporal.client.workflow.getHandle(body.workflowId).describe();
    expect(described.status.name).toBe('COMPLETED');
  });

  test('healthz (readiness) reports the database, and Temporal to the operator', async () => {
    expect(await (await ctx.call('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    await (await ctx.call('GET', '/healthz', { token: ADMIN_TOKEN })).body?.cancel();
    await ctx.deps.temporalHealth.settled(); // the first read started the background check
    const res = await ctx.call('GET', '/healthz', { token: ADMIN_TOKEN });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', temporal: { status: 'ok' } });
  });
});
