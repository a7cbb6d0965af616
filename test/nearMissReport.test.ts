import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { askNearMisses, GTIN_A, SHIFTED_A } from './helpers/nearMisses.js';
import { CONSUMER_GLN } from './helpers/verifyRequest.js';

describe('GET /v1/reports/near-misses', () => {
  let ctx: ApiTestContext;
  let producerKey: string;
  let consumerKey: string;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    ctx = await createApiTestContext('near-miss-report');
    ({ producerKey, consumerKey } = await askNearMisses(ctx));
  });
  afterAll(() => ctx.close());

  test('GET /v1/reports/near-misses: counts per kind, GTIN and requestor, with examples; CSV by Accept', async () => {
    const res = await ctx.call('GET', `/v1/reports/near-misses?from=${today}`, { token: producerKey });
    expect(res.status).toBe(200);
    const report = (await res.json()) as Record<string, unknown> & { examples: { kind: string; lot: string }[] };
    expect(report).toMatchObject({
      total: 7,
      truncated: false,
      byKind: [
        { kind: 'lot_format', count: 1 },
        { kind: 'expiry_day', count: 1 },
        { kind: 'expiry_century', count: 1 },
        { kind: 'serial_format', count: 2 },
        { kind: 'gtin_padding', count: 1 },
        { kind: 'serial_other_gtin', count: 1 },
      ],
      byGtin: [
        { gtin: GTIN_A, count: 6, kinds: { serial_format: 2, lot_format: 1 } },
        { gtin: SHIFTED_A, count: 1, kinds: { gtin_padding: 1 } },
      ],
      byRequestor: [{ requestorGLN: CONSUMER_GLN, requestorCompany: `Company ${CONSUMER_GLN}`, count: 7 }],
    });
    expect(report.examples.find((e) => e.kind === 'lot_format')?.lot).toBe('ab12c');

    const csv = await ctx.call('GET', `/v1/reports/near-misses?from=${today}&to=${today}`, {
      token: producerKey,
      headers: { accept: 'text/csv' },
    });
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="near-misses-${today}.csv"`);
    const lines = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ kind: 'serial_format', gtin: GTIN_A, requestorGLN: CONSUMER_GLN, count: '2' });
  });

  test('the report is for producers only, and its range is checked', async () => {
    const asConsumer = await ctx.call('GET', `/v1/reports/near-misses?from=${today}`, { token: consumerKey });
    expect(asConsumer.status).toBe(403);
    const tooLong = await ctx.call('GET', '/v1/reports/near-misses?from=2026-01-01&to=2026-12-01', {
      token: producerKey,
    });
    expect([tooLong.status, ((await tooLong.json()) as { errors: { path: string }[] }).errors[0]?.path]).toEqual([
      400,
      'to',
    ]);
    const bad = await ctx.call('GET', '/v1/reports/near-misses?from=yesterday', { token: producerKey });
    expect(bad.status).toBe(400);
  });
});
