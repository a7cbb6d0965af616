import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { CONSUMER_GLN, defaultPack, GTIN, PRODUCER_GLN, verifyPath } from './helpers/verifyRequest.js';

const METRICS_TOKEN = 'scraper-token-0123456789abcdefgh';
const UNKNOWN_GTIN = '00012345600012';

/** The value of one sample line, `name{labels} value`, or undefined when it is absent. */
function sample(body: string, name: string, labels = ''): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics', () => {
  let ctx: ApiTestContext;
  let consumerKey: string;
  let producerKey: string;
  const scrape = async (token = ADMIN_TOKEN) => (await ctx.call('GET', '/metrics', { token })).text();

  beforeAll(async () => {
    ctx = await createApiTestContext('metrics', { METRICS_TOKEN });
    const producer = await companyWithGln(ctx.database.db, PRODUCER_GLN, ['producer']);
    await seedProduct(ctx.database.db, producer, GTIN, [defaultPack()]);
    consumerKey = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']));
    producerKey = await apiKeyFor(ctx.database.db, producer);
  });
  afterAll(() => ctx.close());

  test('only the operator token or METRICS_TOKEN reads it', async () => {
    expect((await ctx.call('GET', '/metrics')).status).toBe(401);
    expect((await ctx.call('GET', '/metrics', { token: consumerKey })).status).toBe(403);
    expect((await ctx.call('GET', '/metrics', { token: 'not-the-scraper-token-0123456789' })).status).toBe(401);
    const res = await ctx.call('GET', '/metrics', { token: METRICS_TOKEN });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await ctx.call('GET', '/metrics', { token: ADMIN_TOKEN })).status).toBe(200);
  });

  test('verify answers by outcome, requests by route pattern and status, never a GTIN or serial', async () => {
    const verify = (p: Parameters<typeof verifyPath>[0]) => ctx.call('GET', verifyPath(p), { token: consumerKey });
    expect((await verify({})).status).toBe(200);
    expect((await verify({ ser: 'NOSUCHSERIAL9' })).status).toBe(200);
    expect((await verify({ gtin: UNKNOWN_GTIN })).status).toBe(404);
    const body = await scrape();
    expect(sample(body, 'vrs_verify_answers_total', 'outcome="verified"')).toBe(1);
    expect(sample(body, 'vrs_verify_answers_total', 'outcome="No_match_GTIN_Serial"')).toBe(1);
    expect(sample(body, 'vrs_verify_answers_total', 'outcome="unknown_gtin"')).toBe(1);
    const route = 'route="/verify/gtin/:gtin{[^/]*}/lot/:lot{[^/]*}/ser/:ser{[^/]*}"';
    expect(sample(body, 'vrs_http_request_duration_seconds_count', `method="GET",${route},status="200"`)).toBe(2);
    expect(sample(body, 'vrs_http_request_duration_seconds_count', `method="GET",${route},status="404"`)).toBe(1);
    for (const secret of [GTIN, UNKNOWN_GTIN, 'NOSUCHSERIAL9', '400806', PRODUCER_GLN, CONSUMER_GLN])
      expect(body).not.toContain(secret);
  });

  test('history buffer, pool, serial queue depth, sync runs and uploads', async () => {
    const producer = await ctx.database.db
      .selectFrom('companies')
      .select('id')
      .where('gln', '=', PRODUCER_GLN)
      .executeTakeFirstOrThrow();
    await ctx.database.db
      .insertInto('serial_update_queue')
      .values([
        { company_id: producer.id, from_seq: 1, to_seq: 10 },
        { company_id: producer.id, from_seq: 21, to_seq: 25 },
      ])
      .execute();
    await ctx.database.db
      .insertInto('sync_runs')
      .values({
        run_id: 'r1',
        workflow_id: 'w1',
        company_id: producer.id,
        kind: 'masterDataSync',
        status: 'failed',
        total: 1,
      })
      .execute();
    const upload = await ctx.app.request('/v1/serials?dryRun=true', {
      method: 'POST',
      headers: { authorization: `Bearer ${producerKey}`, 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          gtin: GTIN,
          serial: 'S1',
          lot: 'L1',
          expiry: '281231',
          status: 'commissioned',
          eventTime: '2026-03-01T10:00:00Z',
        },
      ]),
    });
    expect(upload.status).toBe(200);

    const body = await scrape(METRICS_TOKEN);
    expect(sample(body, 'vrs_metrics_database_up')).toBe(1);
    expect(sample(body, 'vrs_serial_update_queue_events')).toBe(15);
    expect(sample(body, 'vrs_serial_update_queue_producers')).toBe(1);
    expect(sample(body, 'vrs_sync_runs', 'kind="masterDataSync",status="failed"')).toBe(1);
    expect(sample(body, 'vrs_uploads_total', 'kind="serials",dry_run="true"')).toBe(1);
    const rows =
      (sample(body, 'vrs_upload_rows_total', 'kind="serials",result="accepted"') ?? 0) +
      (sample(body, 'vrs_upload_rows_total', 'kind="serials",result="rejected"') ?? 0);
    expect(rows).toBe(1);
    expect(sample(body, 'vrs_history_buffer_rows')).toBeGreaterThanOrEqual(0);
    expect(sample(body, 'vrs_history_flush_failures')).toBe(0);
    expect(sample(body, 'vrs_db_pool_connections', 'state="max"')).toBe(ctx.deps.config.DB_POOL_SIZE);
    expect(sample(body, 'vrs_db_pool_connections', 'state="in_use"')).toBeGreaterThanOrEqual(0);
    expect(body).toContain('vrs_process_resident_memory_bytes');
  });
});
