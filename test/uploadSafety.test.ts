import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import {
  company,
  fixture,
  gtinUnder,
  networkState,
  productsCsv,
  syncThroughApi,
  upload,
} from './helpers/masterData.js';

const PREFIX = '0361414';
const SERIAL_HEADER =
  'eventId,gtin,serial,lot,expiry,status,recalled,suspect,illegitimate,expirationExtended,extendedExpiry,reasonCode,eventTime';
const serialCsv = (count: number) =>
  [
    SERIAL_HEADER,
    ...Array.from(
      { length: count },
      (_, i) =>
        `,${gtinUnder(PREFIX, i % 3)},S${i},LOT1,270131,commissioned,false,false,false,false,,,2026-03-01T10:00:00Z`,
    ),
  ].join('\r\n');
const epcis = () => readFileSync(new URL('./fixtures/ingest/epcis.xml', import.meta.url), 'utf8');

type Problem = {
  status: number;
  detail: string;
  expected?: string[];
  errors: { path: string; message: string; limit?: string; max?: number; row?: number }[];
};
type Report = {
  uploadId: string | null;
  dryRun: boolean;
  accepted: number;
  rejected: { row: number; errors: { path: string; message: string }[] }[];
  rejectedCount: number;
  wouldWithdraw?: number;
  withdrawals?: { row: number; gtin: string; reason: string }[];
};

describe('uploads: documents of the wrong kind, unknown names, required fields, withdrawals and dry runs', () => {
  let ctx: ApiTestContext;
  let producer: Awaited<ReturnType<typeof company>>;
  const serialUpload = (body: string, contentType: string, query = '') =>
    Promise.resolve(
      ctx.app.request(`/v1/serials${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${producer.token}`, 'content-type': contentType },
        body,
      }),
    );
  const masterData = (body: string, contentType: string, query = '') =>
    Promise.resolve(
      ctx.app.request(`/v1/master-data${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${producer.token}`, 'content-type': contentType },
        body,
      }),
    );
  /** Everything an upload may write, in a stable order; a refused upload is recorded, as failed, and stores nothing else. */
  const stored = async () => {
    const db = ctx.database.db;
    return {
      products: await db.selectFrom('source_products').selectAll().orderBy('gtin').execute(),
      states: await db.selectFrom('source_product_sync').selectAll().orderBy('gtin').execute(),
      uploads: await db.selectFrom('uploads').selectAll().where('status', '!=', 'failed').orderBy('id').execute(),
      events: await db.selectFrom('source_serial_events').selectAll().orderBy('seq').execute(),
      queue: await db.selectFrom('serial_update_queue').selectAll().execute(),
      network: await networkState(db, producer.company.id),
    };
  };
  const refused = async (res: Response, message: string | RegExp) => {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const problem = (await res.json()) as Problem;
    expect(problem.errors[0]).toMatchObject({ path: 'body', message });
    return problem;
  };

  beforeAll(async () => {
    ctx = await createApiTestContext('uploadSafety');
    producer = await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: [PREFIX] });
    expect((await upload(ctx, producer.token, 'text/csv', productsCsv(PREFIX, 3))).status).toBe(200);
    const { result } = await ctx.withWorkers(() => syncThroughApi(ctx, producer.token));
    expect(result.counts.synced).toBe(3);
    await ctx.call('PUT', '/v1/rules/serials', { token: producer.token, body: { enabled: true, include: [] } });
  });
  afterAll(() => ctx.close());

  test('a serial CSV sent to master data is refused as one, and the live products keep their fields', async () => {
    const before = await stored();
    await refused(
      await masterData(serialCsv(7), 'text/csv'),
      'this is a serial-event CSV; send it to POST /v1/serials',
    );
    // The same rows as JSON.
    const json = JSON.stringify([
      {
        gtin: gtinUnder(PREFIX, 0),
        serial: 'S1',
        lot: 'L1',
        expiry: '270131',
        status: 'commissioned',
        eventTime: '2026-03-01T10:00:00Z',
      },
    ]);
    await refused(
      await masterData(json, 'application/json'),
      'this is a JSON array of serial events; send it to POST /v1/serials',
    );
    expect(await stored()).toEqual(before);
  });

  test('an EPCIS document sent to master data, and a GDSN document or a product CSV sent to serials, are refused and store nothing', async () => {
    const before = await stored();
    await refused(
      await masterData(epcis(), 'application/xml'),
      'this is an EPCIS document; send it to POST /v1/serials',
    );
    await refused(
      await serialUpload(fixture('gdsn-sync.xml'), 'application/xml'),
      'this is a GDSN Catalogue Item Notification; send it to POST /v1/master-data',
    );
    await refused(
      await serialUpload(productsCsv(PREFIX, 3), 'text/csv'),
      'this is a product master-data CSV; send it to POST /v1/master-data',
    );
    await refused(
      await masterData(epcis(), 'text/csv'),
      'this is an XML document; send it with Content-Type application/xml',
    );
    expect(await stored()).toEqual(before);
  });

  test('unknown columns and fields are a 400 naming them, with the expected names', async () => {
    const before = await stored();
    const csv = `gtin,brandName,netContent,targetMarket,colour\r\n${gtinUnder(PREFIX, 0)},Brand 0,10,840,red\r\n`;
    const res = await masterData(csv, 'text/csv');
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toEqual([
      { path: 'netContent', message: 'unknown column; did you mean netContentValue or netContentUnit?' },
      { path: 'targetMarket', message: 'unknown column; did you mean targetMarkets?' },
      { path: 'colour', message: 'unknown column' },
    ]);
    expect(problem.expected).toEqual(
      expect.arrayContaining(['gtin', 'netContentValue', 'netContentUnit', 'targetMarkets']),
    );
    expect(problem.detail).toMatch(/^unknown columns "netContent", "targetMarket", "colour"; the columns are gtin, /);

    const json = JSON.stringify([
      { gtin: gtinUnder(PREFIX, 0), brandName: 'Brand 0', targetMarkets: ['840'], colour: 'red' },
    ]);
    const jsonProblem = (await (await masterData(json, 'application/json')).json()) as Problem;
    expect(jsonProblem).toMatchObject({ status: 400, errors: [{ path: 'colour', message: 'unknown field', row: 1 }] });

    const serials = (await (await serialUpload(`${SERIAL_HEADER},sn\r\n`, 'text/csv')).json()) as Problem;
    expect(serials).toMatchObject({ status: 400, errors: [{ path: 'sn', message: 'unknown column' }] });
    expect(await stored()).toEqual(before);
  });

  test('rows without a target market or a name are rejected rows: a live product is never emptied', async () => {
    const before = await stored();
    const res = await masterData(
      `gtin,brandName,targetMarkets\r\n${gtinUnder(PREFIX, 0)},,\r\n`,
      'text/csv',
      '?dryRun=false',
    );
    const report = (await res.json()) as Report;
    expect(report).toMatchObject({ dryRun: false, accepted: 0, rejectedCount: 1, wouldWithdraw: 0 });
    expect(report.rejected[0]!.errors.map((e) => e.path)).toEqual(['targetMarkets', 'brandName']);
    const after = await stored();
    expect(after.products).toEqual(before.products);
    expect(after.network).toEqual(before.network);
  });

  test('an upload that would withdraw live products says so; a dry run reports the same and stores nothing', async () => {
    const lines = productsCsv(PREFIX, 3).trimEnd().split('\r\n');
    lines[1] = lines[1]!.replace(/,840$/, ',826'); // live, now for the UK only: the next sync withdraws it
    lines[3] = lines[3]!.replace('Brand 2', 'Brand 2 renamed'); // live, changed, still selected
    lines.push(productsCsv(PREFIX, 1, 5).trimEnd().split('\r\n')[1]!); // new
    const body = lines.join('\r\n');
    const expected = {
      accepted: 4,
      rejectedCount: 0,
      wouldWithdraw: 1,
      withdrawals: [{ row: 1, gtin: gtinUnder(PREFIX, 0), reason: 'no US target market (826)' }],
    };

    const before = await stored();
    const dry = await masterData(body, 'text/csv', '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toEqual({ ...expected, uploadId: null, dryRun: true, rejected: [] });
    expect(await stored()).toEqual(before);

    const real = (await (await masterData(body, 'text/csv')).json()) as Report;
    expect(real).toEqual({ ...expected, uploadId: expect.any(String), dryRun: false, rejected: [] });
    const { result } = await ctx.withWorkers(() => syncThroughApi(ctx, producer.token));
    expect(result.counts).toMatchObject({ withdrawn: 1, synced: 2 });
  });

  test('a serial dry run reports as a real upload would and stores and queues nothing', async () => {
    const before = await stored();
    const dry = await serialUpload(serialCsv(5), 'text/csv', '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({
      uploadId: null,
      dryRun: true,
      accepted: 5,
      rejected: [],
      rejectedCount: 0,
      events: 5,
      serials: 5,
    });
    expect(await stored()).toEqual(before);
    expect((await serialUpload(serialCsv(1), 'text/csv', '?dryRun=maybe')).status).toBe(400);
  });

  test('a CSV of a million columns, or with a huge field, is refused naming the limit', async () => {
    const before = await stored();
    const wide = `gtin${',c'.repeat(1_000_000)}\r\n`;
    for (const res of [await masterData(wide, 'text/csv'), await serialUpload(wide, 'text/csv')]) {
      const problem = await refused(res, /more than 256 columns/);
      expect(problem.errors[0]).toMatchObject({ limit: 'UPLOAD_CSV_MAX_COLUMNS', max: 256 });
    }
    const long = `gtin,brandName,targetMarkets\r\n${gtinUnder(PREFIX, 0)},${'x'.repeat(20_000)},840\r\n`;
    const problem = await refused(await masterData(long, 'text/csv'), /longer than 16384 characters/);
    expect(problem.errors[0]).toMatchObject({ limit: 'UPLOAD_CSV_MAX_FIELD_CHARS', max: 16384 });
    const epcs = Array.from({ length: 12_000 }, (_, i) => `<epc>urn:epc:id:sgtin:0361414.000000.S${i}</epc>`).join('');
    const bigEvent = epcis().replace('<epcList>', `<epcList>${epcs}`);
    const xmlProblem = await refused(
      await serialUpload(bigEvent, 'application/xml'),
      /<ObjectEvent> is larger than 524288 characters/,
    );
    expect(xmlProblem.errors[0]).toMatchObject({ limit: 'UPLOAD_XML_MAX_ELEMENT_CHARS' });
    expect(await stored()).toEqual(before);
  });
});

describe('uploads larger than UPLOAD_MAX_BYTES', () => {
  let ctx: ApiTestContext;
  let token: string;
  beforeAll(async () => {
    ctx = await createApiTestContext('uploadSize', { UPLOAD_MAX_BYTES: '4096' });
    token = (await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: [PREFIX] })).token;
  });
  afterAll(() => ctx.close());

  test.each([
    ['/v1/serials', 'text/csv', () => serialCsv(100)],
    ['/v1/master-data', 'text/csv', () => productsCsv(PREFIX, 100)],
    ['/v1/master-data', 'application/xml', () => fixture('gdsn-sync.xml').repeat(3)],
  ])('%s (%s) answers 413 with the limit in words and stores nothing', async (path, contentType, body) => {
    const res = await ctx.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: body(),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      status: 413,
      detail: 'the upload is larger than 4 KB; split it',
      limitBytes: 4096,
    });
    const recorded = await ctx.database.db
      .selectFrom('uploads')
      .select(['status', 'stop_reason'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(recorded).toEqual({ status: 'failed', stop_reason: 'the upload is larger than 4 KB; split it' });
    expect(await ctx.database.db.selectFrom('source_products').select('gtin').execute()).toEqual([]);
  });
});
