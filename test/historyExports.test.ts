import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Company } from '../db/repositories/companies.js';
import { workflowId } from '../workflows/ids.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln } from './helpers/seedNetwork.js';

const GTIN = '00305910369019';
const OTHER_GTIN = '00305910369026';
const PEER_GLN = '0614141000005';
/** Over 20 days: two chunks of 5000 and a partial one. */
const ROWS = 12_000;

interface ExportView {
  id: string;
  status: string;
  rows: number;
  download: string | null;
  filters: Record<string, unknown>;
}

describe('history: Accept, filters, and background exports for long ranges', () => {
  let ctx: ApiTestContext;
  let producer: Company;
  let key: string;
  let otherKey: string;
  const call = (method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
    ctx.call(method, path, { token: key, ...options });

  beforeAll(async () => {
    ctx = await createApiTestContext('history-exports');
    producer = await companyWithGln(ctx.database.db, '0312345000011', ['producer']);
    const other = await companyWithGln(ctx.database.db, '0860000000017', ['producer']);
    key = await apiKeyFor(ctx.database.db, producer);
    otherKey = await apiKeyFor(ctx.database.db, other);
    // Every 4th row is another GTIN, every 3rd not verified, every 5th asked by a peer.
    for (const owner of [producer, other]) {
      await sql`
        insert into verification_history (verified_at, channel, requestor_gln, producer_company_id, gtin, serial, lot, expiry, corr_uuid, http_status, verified, in_network, latency_ms)
        select timestamptz '2026-11-10T00:00:00Z' + i * interval '150 seconds', 'api',
               case when i % 5 = 0 then ${PEER_GLN} else '0321012345676' end, ${owner.id}::uuid,
               case when i % 4 = 0 then ${OTHER_GTIN} else ${GTIN} end, 'S' || i, 'L', '281231',
               gen_random_uuid()::text, 200, i % 3 <> 0, true, 1
        from generate_series(1, ${ROWS}) as i`.execute(ctx.database.db);
    }
  });
  afterAll(() => ctx.close());

  test('a range over 7 days points to POST /v1/exports', async () => {
    const res = await call('GET', '/v1/history?from=2026-11-10&to=2026-11-30');
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string }[]; export: { href: string }; detail: string };
    expect(problem.errors.map((e) => e.path)).toEqual(['to']);
    expect(problem.export).toEqual({ method: 'POST', href: '/v1/exports' });
    expect(problem.detail).toContain('POST /v1/exports');
  });

  test('Accept: text/csv is honoured without format=, and filters narrow the rows', async () => {
    const res = await call('GET', `/v1/history?from=2026-11-10&to=2026-11-10&gtin=${OTHER_GTIN}&verified=false`, {
      headers: { accept: 'text/csv' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="history-2026-11-10.csv"');
    const lines = (await res.text()).trim().split('\r\n');
    // One day is 576 rows (i = 1..575 at 150 s); every 12th is OTHER_GTIN and not verified.
    expect(lines.length - 1).toBe(47);
    expect(lines.slice(1).every((l) => l.includes(OTHER_GTIN) && l.includes(',false,'))).toBe(true);

    const peer = await call('GET', `/v1/history?from=2026-11-10&requestor=${PEER_GLN}&format=json`, {
      headers: { accept: 'text/csv' },
    });
    expect(peer.headers.get('content-type')).toContain('application/json');
    const records = (await peer.json()) as { requestorGLN: string }[];
    expect(records.length).toBe(115);
    expect(new Set(records.map((r) => r.requestorGLN))).toEqual(new Set([PEER_GLN]));
  });

  test('POST /v1/exports writes the whole range through a Temporal workflow; the file downloads with its name', async () => {
    const started = await call('POST', '/v1/exports', {
      body: { from: '2026-11-10', to: '2026-11-30', format: 'csv', gtin: GTIN },
    });
    expect(started.status).toBe(202);
    const created = (await started.json()) as ExportView;
    expect(started.headers.get('location')).toBe(`/v1/exports/${created.id}`);
    expect(created).toMatchObject({ status: 'running', rows: 0, download: null, filters: { gtin: GTIN } });
    // No worker has picked it up yet: the download is refused, saying why.
    const early = await call('GET', `/v1/exports/${created.id}/download`);
    expect(early.status).toBe(409);
    expect(((await early.json()) as { detail: string }).detail).toContain('still running');

    await ctx.withWorkers(() =>
      ctx.temporal.client.workflow.getHandle(workflowId('historyExport', producer.id, created.id)).result(),
    );
    const done = (await (await call('GET', `/v1/exports/${created.id}`)).json()) as ExportView;
    const expected = ROWS - ROWS / 4;
    expect(done).toMatchObject({ status: 'completed', rows: expected, download: `/v1/exports/${created.id}/download` });

    const file = await call('GET', done.download!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="history-2026-11-10-to-2026-12-01.csv"');
    const lines = (await file.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^verifiedAt,channel,/);
    expect(lines.length - 1).toBe(expected);
    const serials = lines.slice(1).map((l) => l.split(',')[5]);
    expect(new Set(serials).size).toBe(expected);
    const times = lines.slice(1).map((l) => l.split(',')[0]!);
    expect([...times].sort()).toEqual(times);
  });

  test('JSON exports are one valid array; bad requests and other tenants get problem details', async () => {
    const started = await call('POST', '/v1/exports', {
      body: { from: '2026-11-10T00:00:00Z', to: '2026-11-12T00:00:00Z', format: 'json', verified: true },
    });
    const { id } = (await started.json()) as ExportView;
    await ctx.withWorkers(() =>
      ctx.temporal.client.workflow.getHandle(workflowId('historyExport', producer.id, id)).result(),
    );
    const records = (await (await call('GET', `/v1/exports/${id}/download`)).json()) as { verified: boolean }[];
    expect(records.length).toBe(768);
    expect(records.every((r) => r.verified)).toBe(true);

    expect((await ctx.call('GET', `/v1/exports/${id}`, { token: otherKey })).status).toBe(404);
    expect((await ctx.call('GET', `/v1/exports/${id}/download`, { token: otherKey })).status).toBe(404);
    const tooLong = await call('POST', '/v1/exports', { body: { from: '2024-01-01', to: '2026-01-01' } });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('to');
    expect((await call('POST', '/v1/exports', { body: { from: 'yesterday' } })).status).toBe(400);
    expect((await call('GET', '/v1/exports/not-a-uuid')).status).toBe(400);
  });
});
