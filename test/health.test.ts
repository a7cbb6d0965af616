import { Writable } from 'node:stream';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Hono } from 'hono';
import { createApp, type App } from '../api/app.js';
import { onError } from '../api/middleware/errors.js';
import { buildApiDeps } from '../api/buildDeps.js';
import { createDb } from '../db/pool.js';
import { createLogger } from '../logger.js';
import { freePort } from '../scripts/lib/freePort.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln } from './helpers/seedNetwork.js';
import { CONSUMER_GLN, verifyPath } from './helpers/verifyRequest.js';
import { connectTemporal } from '../launchers/temporalConnection.js';

/** Log lines at warn and above, as JSON. */
function logSink() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { stream, lines };
}

const get = (app: App, path: string, token?: string) =>
  Promise.resolve(app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} }));

describe('health endpoints and a database that is down', () => {
  let ctx: ApiTestContext;
  let deadDbApp: App;
  let deadTemporalApp: App;
  let deadTemporalDeps: ReturnType<typeof buildApiDeps>;
  let deadTemporal: Client;
  let apiKey: string;
  const log = logSink();
  const cleanup: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    ctx = await createApiTestContext('health');
    apiKey = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']));
    // Nothing listens on these ports: PostgreSQL and Temporal are "down".
    const deadDb = createDb({ connectionString: `postgres://vrs:x@127.0.0.1:${await freePort()}/vrs` });
    cleanup.push(() => deadDb.destroy());
    const logger = createLogger('warn', {}, log.stream);
    deadDbApp = createApp(buildApiDeps({ ...ctx.deps, peers: ctx.deps.peerOptions, db: deadDb, log: logger }));
    const lazy = await connectTemporal(`127.0.0.1:${await freePort()}`);
    cleanup.push(() => lazy.close());
    deadTemporal = new Client({ connection: lazy });
    deadTemporalDeps = buildApiDeps({ ...ctx.deps, peers: ctx.deps.peerOptions, temporal: deadTemporal });
    deadTemporalApp = createApp(deadTemporalDeps);
  });
  afterAll(async () => {
    for (const step of cleanup) await step();
    await ctx.close();
  });

  test('/livez answers without touching the database', async () => {
    const res = await get(deadDbApp, '/livez');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  test('verify and other routes answer 503 with Retry-After, logged once per outage', async () => {
    const before = log.lines.length;
    for (let i = 0; i < 50; i++) {
      const res = await get(deadDbApp, verifyPath(), apiKey);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
    }
    const other = await get(deadDbApp, '/v1/admin/companies', ADMIN_TOKEN);
    expect(other.status).toBe(503);
    const logged = log.lines.slice(before);
    expect(logged.map((l) => l.msg)).toEqual(['database unreachable: requests are answered 503 with Retry-After 5']);
  });

  test('/readyz and /healthz: 503 without details, details only for the operator', async () => {
    for (const path of ['/readyz', '/healthz']) {
      const res = await get(deadDbApp, path);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable' });
      const operator = await get(deadDbApp, path, ADMIN_TOKEN);
      expect(operator.status).toBe(503);
      const body = (await operator.json()) as { database: string };
      expect(body).toMatchObject({ status: 'unavailable' });
      expect(body.database).not.toBe('ok');
    }
  });

  test('/readyz does not depend on Temporal; its last-known state is shown to the operator', async () => {
    const res = await get(deadTemporalApp, '/readyz', ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', temporal: { status: 'unknown' } });
    await deadTemporalDeps.temporalHealth.settled();
    const later = await get(deadTemporalApp, '/readyz', ADMIN_TOKEN);
    expect(later.status).toBe(200);
    expect(await later.json()).toMatchObject({ status: 'ok', database: 'ok', temporal: { status: 'unreachable' } });
    expect(await (await get(deadTemporalApp, '/readyz')).json()).toEqual({ status: 'ok' });
  });

  test('a call Temporal does not answer is a 503 with Retry-After, not a 500', async () => {
    const error = await deadTemporal
      .withDeadline(Date.now() + 300, () => deadTemporal.workflowService.getSystemInfo({}))
      .catch((e: unknown) => e);
    const app = new Hono().get('/x', () => {
      throw error;
    });
    app.onError(onError(createLogger('silent')));
    const res = await app.request('/x');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
  });
});
