import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company, fixture, networkState, syncThroughApi, upload } from './helpers/masterData.js';

const CASE = '50361414100010';
const EACH = '00361414100015';
const PUERTO_RICO = '00361414200012';
const UK_ONLY = '00361414300019';
const OUTSIDE_PREFIX = '00312345100018';

describe('master data: GDSN upload -> masterDataSync -> network and Lookup Directory', () => {
  let ctx: ApiTestContext;
  let producer: Awaited<ReturnType<typeof company>>;
  let consumer: Awaited<ReturnType<typeof company>>;
  beforeAll(async () => {
    ctx = await createApiTestContext('masterDataSync', { VRS_NAME: 'vrs-test' });
    producer = await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: ['0361414'] });
    consumer = await company(ctx.database.db, { gln: '0350580000007', roles: ['consumer'] });
  });
  afterAll(() => ctx.close());

  test('the GDSN file is stored per trade item, child item included; the foreign GTIN is a rejected row', async () => {
    const res = await upload(ctx, producer.token, 'application/xml', fixture('gdsn-sync.xml'));
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      uploadId: string;
      accepted: number;
      rejected: { row: number; errors: { path: string; message: string }[] }[];
    };
    expect(report.accepted).toBe(4);
    expect(report.rejected).toEqual([
      {
        row: 5,
        errors: [
          expect.objectContaining({
            path: 'gtin',
            message: expect.stringContaining(`GTIN ${OUTSIDE_PREFIX} is outside the producer's company prefixes`),
          }),
          // Every mistake of the row at once: the foreign item has no name either.
          expect.objectContaining({ path: 'brandName' }),
        ],
      },
    ]);
    const stored = await ctx.database.db
      .selectFrom('source_products')
      .select(['gtin', 'upload_id'])
      .orderBy('gtin')
      .execute();
    expect(stored.map((r) => r.gtin)).toEqual([EACH, PUERTO_RICO, UK_ONLY, CASE]);
    expect(new Set(stored.map((r) => r.upload_id))).toEqual(new Set([report.uploadId]));
    const upload_ = await ctx.database.db
      .selectFrom('uploads')
      .selectAll()
      .where('id', '=', report.uploadId)
      .executeTakeFirstOrThrow();
    expect(upload_).toMatchObject({ accepted: 4, rejected: 1, kind: 'master-data', content_type: 'application/xml' });
  });

  test('uploading the same file again changes nothing', async () => {
    const before = await ctx.database.db.selectFrom('source_products').selectAll().orderBy('gtin').execute();
    const res = await upload(ctx, producer.token, 'application/xml', fixture('gdsn-sync.xml'));
    expect(((await res.json()) as { accepted: number }).accepted).toBe(4);
    expect(await ctx.database.db.selectFrom('source_products').selectAll().orderBy('gtin').execute()).toEqual(before);
  });

  test('the sync publishes the US products with directory records and records why the UK one is skipped', async () => {
    const { workflowId, result } = await ctx.withWorkers(() => syncThroughApi(ctx, producer.token));
    expect(workflowId).toBe(`masterDataSync:${producer.company.id}`);
    expect(result).toMatchObject({
      total: 4,
      done: 4,
      failed: 0,
      counts: { synced: 3, unchanged: 0, skipped: 1, withdrawn: 0, invalid: 0, conflict: 0 },
    });

    const state = await networkState(ctx.database.db, producer.company.id);
    expect(state.products.map((p) => [p.gtin, p.producer_gln, p.withdrawn])).toEqual([
      [EACH, '0361414000001', false],
      [PUERTO_RICO, '0361414000001', false],
      [CASE, '0361414000001', false],
    ]);
    expect(state.products[0]!.ndc10).toBe('6141410001');
    expect(state.directory).toEqual(
      [EACH, PUERTO_RICO, CASE].map((gtin) => ({
        gtin,
        responder_gln: '0361414000001',
        source: 'local',
        vrs_name: 'vrs-test',
        verification_url: 'https://vrs.test.example',
        connectivity_url: 'https://vrs.test.example/checkConnectivity',
        ended: false,
      })),
    );
    expect(state.states.find((s) => s.gtin === UK_ONLY)).toEqual({
      gtin: UK_ONLY,
      sync_state: 'skipped',
      sync_reason: 'no US target market (826)',
    });
    // Synced is read off the network row: only the skipped product has a stored state.
    const stored = await ctx.database.db
      .selectFrom('source_product_sync')
      .select(['gtin', 'sync_state'])
      .where('company_id', '=', producer.company.id)
      .execute();
    expect(stored).toEqual([{ gtin: UK_ONLY, sync_state: 'skipped' }]);
    expect(state.states.filter((s) => s.sync_state === 'synced')).toHaveLength(3);

    const status = (await (
      await ctx.call('GET', `/v1/syncs/${workflowId}`, { token: producer.token })
    ).json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      workflowId,
      kind: 'masterDataSync',
      status: 'completed',
      progress: { done: 4, total: 4, failed: 0 },
      counts: { synced: 3, skipped: 1 },
      errors: [],
    });
    const run = await ctx.database.db
      .selectFrom('sync_runs')
      .selectAll()
      .where('workflow_id', '=', workflowId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({
      company_id: producer.company.id,
      kind: 'masterDataSync',
      status: 'completed',
      done: 4,
      total: 4,
      failed: 0,
    });

    const product = (await (
      await ctx.call('GET', `/v1/products/${UK_ONLY}`, { token: producer.token })
    ).json()) as Record<string, unknown>;
    expect(product).toMatchObject({
      gtin: UK_ONLY,
      brandName: 'Syncodol',
      targetMarkets: ['826'],
      syncState: 'skipped',
      syncReason: 'no US target market (826)',
      network: null,
      directory: null,
    });
    // The table grew past what its statistics knew (nothing): the page analyzed it, so prepared
    // verify statements are planned again for its size.
    const { rows } = await sql<{
      reltuples: number;
    }>`select reltuples from pg_class where oid = 'network_products'::regclass`.execute(ctx.database.db);
    expect(rows[0]!.reltuples).toBeGreaterThanOrEqual(3);
  });

  test('a second sync with nothing changed writes nothing', async () => {
    const before = await ctx.database.db.selectFrom('network_products').selectAll().orderBy('gtin').execute();
    const directoryBefore = await ctx.database.db.selectFrom('directory_entries').selectAll().orderBy('gtin').execute();
    const { result } = await ctx.withWorkers(() => syncThroughApi(ctx, producer.token));
    expect(result.counts).toEqual({ synced: 0, unchanged: 3, skipped: 1, withdrawn: 0, invalid: 0, conflict: 0 });
    expect(await ctx.database.db.selectFrom('network_products').selectAll().orderBy('gtin').execute()).toEqual(before);
    expect(await ctx.database.db.selectFrom('directory_entries').selectAll().orderBy('gtin').execute()).toEqual(
      directoryBefore,
    );
  });

  test('a de-selected product is withdrawn and its directory record ended, not deleted', async () => {
    const rules = await ctx.call('PUT', '/v1/rules/master-data', {
      token: producer.token,
      body: { exclude: [{ targetMarket: '630' }] },
    });
    expect(rules.status).toBe(200);
    expect(await rules.json()).toEqual({ include: [], exclude: [{ targetMarket: '630' }] });
    const { result } = await ctx.withWorkers(() => syncThroughApi(ctx, producer.token));
    expect(result.counts).toMatchObject({ withdrawn: 1, unchanged: 2 });
    const state = await networkState(ctx.database.db, producer.company.id);
    expect(state.products.find((p) => p.gtin === PUERTO_RICO)?.withdrawn).toBe(true);
    expect(state.directory.find((d) => d.gtin === PUERTO_RICO)?.ended).toBe(true);
    expect(state.states.find((s) => s.gtin === PUERTO_RICO)).toMatchObject({
      sync_state: 'withdrawn',
      sync_reason: 'excluded by rule targetMarket="630"',
    });

    const directory = (await (await ctx.call('GET', '/v1/directory', { token: producer.token })).json()) as {
      items: { gtin: string; validTo: string | null }[];
    };
    expect(directory.items.map((d) => [d.gtin, d.validTo === null])).toEqual([
      [EACH, true],
      [PUERTO_RICO, false],
      [CASE, true],
    ]);
    const gone = await ctx.call('GET', `/v1/master-data/${PUERTO_RICO}`, { token: consumer.token });
    expect(gone.status).toBe(404);
  });

  test('consumers download synced master data as JSON and CSV, one or a batch', async () => {
    const one = await ctx.call('GET', `/v1/master-data/${EACH}`, { token: consumer.token });
    expect(await one.json()).toMatchObject({
      gtin: EACH,
      brandName: 'Syncomab',
      regulatedProductName: 'Syncomab Injection 100 mg/mL',
      netContent: { value: 10, unit: 'MLT' },
      producerGln: '0361414000001',
    });
    const batch = await ctx.call('GET', `/v1/master-data?gtins=${EACH},${CASE},${UK_ONLY}`, { token: consumer.token });
    const body = (await batch.json()) as { items: { gtin: string }[]; notFound: string[] };
    expect(body.items.map((i) => i.gtin)).toEqual([EACH, CASE]);
    expect(body.notFound).toEqual([UK_ONLY]);
    const csv = await ctx.call('GET', `/v1/master-data?gtins=${EACH},${CASE}&format=csv`, { token: consumer.token });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^gtin,ndc,ndc11,brandName,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([EACH, CASE]);
    const producerOnly = await ctx.call('GET', `/v1/master-data/${EACH}`, { token: producer.token });
    expect(producerOnly.status).toBe(403);
  });

  test('a second start while a sync runs is refused with the running workflow id', async () => {
    // No workers yet: the first sync stays running.
    const first = await ctx.call('POST', '/v1/syncs/master-data', { token: producer.token });
    expect(first.status).toBe(202);
    const { workflowId } = (await first.json()) as { workflowId: string };
    const second = await ctx.call('POST', '/v1/syncs/master-data', { token: producer.token });
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await second.json()).toMatchObject({ status: 409, workflowId });
    await ctx.withWorkers(() => ctx.temporal.client.workflow.getHandle(workflowId).result());
  });

  test('a changed product is pending again until the next sync; unchanged ones keep their state', async () => {
    const changed = fixture('gdsn-sync.xml').replace(
      'Syncomab Injection 100 mg/mL',
      'Syncomab Injection 100 mg/mL, new label',
    );
    expect(
      ((await (await upload(ctx, producer.token, 'application/xml', changed)).json()) as { accepted: number }).accepted,
    ).toBe(4);
    const product = async (gtin: string) =>
      (await (await ctx.call('GET', `/v1/products/${gtin}`, { token: producer.token })).json()) as {
        syncState: string;
        syncReason: string | null;
      };
    expect(await product(EACH)).toMatchObject({ syncState: 'pending', syncReason: null });
    expect(await product(UK_ONLY)).toMatchObject({ syncState: 'skipped', syncReason: 'no US target market (826)' });
    const pending = (await (
      await ctx.call('GET', '/v1/products?syncState=pending', { token: producer.token })
    ).json()) as { items: { gtin: string }[] };
    expect(pending.items.map((p) => p.gtin)).toEqual([EACH]);
    const { result } = await ctx.withWorkers(() => syncThroughApi(ctx, producer.token));
    expect(result.counts).toMatchObject({ synced: 1 });
    expect(await product(EACH)).toMatchObject({ syncState: 'synced', syncReason: null });
  });

  test('the OpenAPI document describes the master-data, product, directory and sync routes', async () => {
    const doc = (await (await ctx.call('GET', '/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const path of [
      '/v1/master-data',
      '/v1/master-data/{gtin}',
      '/v1/rules/master-data',
      '/v1/syncs/master-data',
      '/v1/syncs/{workflowId}',
      '/v1/syncs/{workflowId}/cancel',
      '/v1/products',
      '/v1/products/{gtin}',
      '/v1/directory',
      '/v1/admin/workflows',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(
      Object.keys((doc.paths['/v1/master-data']!.post as { requestBody: { content: object } }).requestBody.content),
    ).toEqual(['application/json', 'application/xml', 'text/csv']);
  });
});
