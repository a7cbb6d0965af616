import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BruteForceGuard } from '../api/verification/bruteForceGuard.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, gtinUnder, productsCsv, syncThroughApi, upload } from './helpers/masterData.js';
import { apiKeyFor, companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { CONSUMER_GLN, defaultPack, GTIN, PRODUCER_GLN, verifyPath } from './helpers/verifyRequest.js';

const SEC = 1000;
interface ProblemBody {
  status: number;
  title: string;
  detail: string;
  requestId?: string;
  caller?: string;
  syncStatus?: string;
  errors?: { path: string }[];
}

describe('problem details follow RFC 9457', () => {
  let ctx: ApiTestContext;
  let consumer: string;
  let producer: string;
  let now = 0;

  beforeAll(async () => {
    ctx = await createApiTestContext('problem-details');
    // A route that fails the way a bug does, registered before the app's first request.
    ctx.app.get('/test/boom', () => {
      throw new Error('a bug');
    });
    ctx.deps.bruteForce = new BruteForceGuard({ limit: 2, windowMs: 60 * SEC, blockMs: 300 * SEC }, () => now);
    const producerCompany = await companyWithGln(ctx.database.db, PRODUCER_GLN, ['producer']);
    producer = await apiKeyFor(ctx.database.db, producerCompany);
    await seedProduct(ctx.database.db, producerCompany, GTIN, [defaultPack()]);
    consumer = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']));
  });
  afterAll(() => ctx.close());

  test('a 500 carries the request id that finds the logged error', async () => {
    const res = await ctx.call('GET', '/test/boom', { headers: { 'x-request-id': 'req-boom-1' } });
    expect(res.status).toBe(500);
    const body = (await res.json()) as ProblemBody;
    expect(body).toMatchObject({ status: 500, requestId: 'req-boom-1' });
    expect(body.detail).toContain('req-boom-1');
  });

  test('a 401 sends WWW-Authenticate: Bearer', async () => {
    for (const res of [
      await ctx.call('GET', '/v1/me'),
      await ctx.call('GET', '/v1/me', { token: 'vrs_not-a-key' }),
      await ctx.call('GET', verifyPath()),
    ]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await res.json()) as ProblemBody).status).toBe(401);
    }
  });

  test('the brute-force 403 sends Retry-After and names the caller; the operator lists and lifts the block', async () => {
    for (const ser of ['G1', 'G2'])
      expect((await ctx.call('GET', verifyPath({ ser }), { token: consumer })).status).toBe(200);
    now += 100 * SEC;
    const blocked = await ctx.call('GET', verifyPath(), { token: consumer });
    expect(blocked.status).toBe(403);
    expect(blocked.headers.get('retry-after')).toBe('200');
    const { caller, status } = (await blocked.json()) as ProblemBody;
    expect(status).toBe(403);

    const list = await ctx.call('GET', '/v1/admin/blocks', { token: ADMIN_TOKEN });
    expect(await list.json()).toEqual([{ caller, blockedUntil: new Date(300 * SEC).toISOString() }]);
    expect((await ctx.call('GET', '/v1/admin/blocks', { token: consumer })).status).toBe(403);

    expect(
      (await ctx.call('DELETE', `/v1/admin/blocks/${encodeURIComponent(caller!)}`, { token: ADMIN_TOKEN })).status,
    ).toBe(204);
    expect((await ctx.call('GET', verifyPath(), { token: consumer })).status).toBe(200);
    expect(await (await ctx.call('GET', '/v1/admin/blocks', { token: ADMIN_TOKEN })).json()).toEqual([]);
    const again = await ctx.call('DELETE', `/v1/admin/blocks/${encodeURIComponent(caller!)}`, { token: ADMIN_TOKEN });
    expect(again.status).toBe(404);
  });

  test('history takes a date-only from as that whole UTC day, and downloads name a file', async () => {
    ctx.setNow(new Date('2026-11-18T23:30:00Z'));
    expect((await ctx.call('GET', verifyPath(), { token: consumer })).status).toBe(200);
    ctx.setNow(undefined);
    await ctx.history.flush();
    const day = await ctx.call('GET', '/v1/history?from=2026-11-18&format=csv', { token: producer });
    expect(day.status).toBe(200);
    expect(day.headers.get('content-disposition')).toBe('attachment; filename="history-2026-11-18.csv"');
    expect((await day.text()).trim().split('\r\n')).toHaveLength(2);
    const next = await ctx.call('GET', '/v1/history?from=2026-11-19', { token: producer });
    expect(next.headers.get('content-disposition')).toBe('attachment; filename="history-2026-11-19.json"');
    expect(await next.json()).toEqual([]);
    expect(
      await (await ctx.call('GET', '/v1/history?from=2026-11-16&to=2026-11-18', { token: producer })).json(),
    ).toHaveLength(1);

    const noTo = await ctx.call('GET', '/v1/history?from=2026-11-18T00:00:00Z', { token: producer });
    expect(noTo.status).toBe(400);
    expect(((await noTo.json()) as ProblemBody).errors?.map((e) => e.path)).toEqual(['to']);
    const bad = await ctx.call('GET', '/v1/history?from=2026-13-18', { token: producer });
    expect(((await bad.json()) as ProblemBody).errors?.map((e) => e.path)).toEqual(['from']);
  });

  test('a 409 carries the HTTP status in status, the sync state in syncStatus; a master-data CSV names a file', async () => {
    const { token } = await company(ctx.database.db, {
      gln: '0614141000005',
      roles: ['producer'],
      prefixes: ['0614141'],
    });
    expect((await upload(ctx, token, 'text/csv', productsCsv('0614141', 2))).status).toBe(200);
    const { workflowId } = await ctx.withWorkers(() => syncThroughApi(ctx, token));
    const res = await ctx.call('POST', `/v1/syncs/${workflowId}/cancel`, { token });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ status: 409, title: 'Conflict', syncStatus: 'completed' });

    const gtin = gtinUnder('0614141', 0);
    const csv = await ctx.call('GET', `/v1/master-data/${gtin}?format=csv`, { token: consumer });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="master-data-${gtin}.csv"`);
  });
});
