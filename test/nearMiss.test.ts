import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NearMissRecorder } from '../api/verification/nearMissRecorder.js';
import { HistoryWriter } from '../db/historyWriter.js';
import { NEAR_MISS_KINDS } from '../domain/verification/nearMiss.js';
import { createLogger } from '../logger.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { CONSUMER_GLN, PRODUCER_GLN, verifyPath } from './helpers/verifyRequest.js';

const GTIN_A = '00312345678906'; // GTIN-12 312345678906, padded left
const SHIFTED_A = '03123456789064'; // its twelve digits given a new check digit
const GTIN_B = '00361414567894';
const pack = (gtin: string, serial: string, lot: string, expiry: string, expiryDate: string) => ({
  gtin,
  serial,
  lot,
  expiry,
  expiryDate,
  status: 'commissioned',
});

// One request per kind, the clean miss and the match; `exact` is what the GS1 answer must be.
const requests = [
  { name: 'lot_format', p: { gtin: GTIN_A, ser: 'SN00123', lot: 'ab12c', exp: '280331' }, status: 200 },
  { name: 'expiry_day', p: { gtin: GTIN_A, ser: '000777', lot: 'L7', exp: '280300' }, status: 200 },
  { name: 'expiry_century', p: { gtin: GTIN_A, ser: 'OLD1', lot: 'L0', exp: '201203' }, status: 200 },
  { name: 'serial_format', p: { gtin: GTIN_A, ser: 'sn00123', lot: 'AB12C', exp: '280331' }, status: 200 },
  { name: 'serial_format', p: { gtin: GTIN_A, ser: '777', lot: 'L7', exp: '280315' }, status: 200 },
  { name: 'gtin_padding', p: { gtin: SHIFTED_A, ser: 'SN00123', lot: 'AB12C', exp: '280331' }, status: 404 },
  { name: 'serial_other_gtin', p: { gtin: GTIN_A, ser: 'ONLYB1', lot: 'LB', exp: '280331' }, status: 200 },
  { name: null, p: { gtin: GTIN_A, ser: 'NOPE', lot: 'AB12C', exp: '280331' }, status: 200 },
  { name: null, p: { gtin: GTIN_A, ser: 'SN00123', lot: 'AB12C', exp: '280331' }, status: 200 },
] as const;

type Asked = { gtin: string; serial: string; lot: string; expiry: string; nearMiss: string | null };
const key = (r: Omit<Asked, 'nearMiss'>) => `${r.gtin}/${r.serial}/${r.lot}/${r.expiry}`;
const byRequest = (rows: Asked[]) => Object.fromEntries(rows.map((r) => [key(r), r.nearMiss ?? '']));
const expected = byRequest(
  requests.map(({ name, p }) => ({ gtin: p.gtin, serial: p.ser, lot: p.lot, expiry: p.exp, nearMiss: name })),
);

describe('near misses: recorded for the producer, never in the answer', () => {
  let ctx: ApiTestContext;
  let producerKey: string;
  let consumerKey: string;
  const answers: { status: number; text: string }[] = [];
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    ctx = await createApiTestContext('near-miss');
    const db = ctx.database.db;
    const producer = await companyWithGln(db, PRODUCER_GLN, ['producer']);
    producerKey = await apiKeyFor(db, producer);
    consumerKey = await apiKeyFor(db, await companyWithGln(db, CONSUMER_GLN, ['consumer']));
    await seedProduct(db, producer, GTIN_A, [
      pack(GTIN_A, 'SN00123', 'AB12C', '280331', '2028-03-31'),
      pack(GTIN_A, '000777', 'L7', '280315', '2028-03-15'),
      pack(GTIN_A, 'OLD1', 'L0', '120331', '2012-03-31'),
    ]);
    await seedProduct(db, producer, GTIN_B, [pack(GTIN_B, 'ONLYB1', 'LB', '280331', '2028-03-31')]);
    for (const { p } of requests) {
      const res = await ctx.call('GET', verifyPath(p), { token: consumerKey });
      answers.push({ status: res.status, text: await res.text() });
    }
    await ctx.history.flush();
  });
  afterAll(() => ctx.close());

  test('each kind is recorded on its history row; a plain miss and a match are not', async () => {
    const rows = await ctx.database.db.selectFrom('verification_history').selectAll().execute();
    // A row waits for its search, so rows are keyed by what was asked rather than by write order.
    expect(
      byRequest(
        rows.map((r) => ({ gtin: r.gtin, serial: r.serial, lot: r.lot, expiry: r.expiry, nearMiss: r.near_miss })),
      ),
    ).toEqual(expected);
    // The mangled GTIN is charged to the producer it was meant for, so it shows in that producer's history.
    expect(rows.find((r) => r.gtin === SHIFTED_A)?.producer_company_id).not.toBeNull();
  });

  test('the GS1 answers are exactly what they are without near-miss detection', () => {
    expect(answers.map((a) => a.status)).toEqual(requests.map((r) => r.status));
    const data = answers.filter((a) => a.status === 200).map((a) => (JSON.parse(a.text) as { data: unknown }).data);
    expect(data).toEqual([
      { verified: false, verificationFailureReason: 'No_match_GTIN_Serial_Lot' },
      { verified: false, verificationFailureReason: 'No_match_GTIN_Serial_Expiry' },
      { verified: false, verificationFailureReason: 'No_match_GTIN_Serial_Expiry' },
      { verified: false, verificationFailureReason: 'No_match_GTIN_Serial' },
      { verified: false, verificationFailureReason: 'No_match_GTIN_Serial' },
      { verified: false, verificationFailureReason: 'No_match_GTIN_Serial' },
      { verified: false, verificationFailureReason: 'No_match_GTIN_Serial' },
      { verified: true },
    ]);
    // Nothing of the producer's data or of the search shows, beyond what the request itself said.
    answers.forEach(({ text }, i) => {
      const asked = verifyPath(requests[i]!.p);
      for (const word of [...NEAR_MISS_KINDS, 'near', GTIN_A, 'AB12C', '000777', '2028-03', '2012'])
        if (text.includes(word) && !asked.includes(word)) expect.fail(`answer leaks ${word}: ${text}`);
    });
  });

  test("the producer's history shows the kind in JSON and CSV; the consumer's does not", async () => {
    const history = async (key: string, format: string) =>
      (await ctx.call('GET', `/v1/history?from=${today}&format=${format}`, { token: key })).text();
    expect(byRequest(JSON.parse(await history(producerKey, 'json')) as Asked[])).toEqual(expected);
    expect(byRequest(parse(await history(producerKey, 'csv'), { columns: true }) as Asked[])).toEqual(expected);
    const consumerRows = JSON.parse(await history(consumerKey, 'json')) as { nearMiss: string | null }[];
    expect(consumerRows).toHaveLength(requests.length);
    expect(consumerRows.every((r) => r.nearMiss === null)).toBe(true);
  });

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

  test('POST /v1/verifications (the scan page and devices) answers the same, leaks nothing, and records the same kinds', async () => {
    for (const { p, status } of requests) {
      const res = await ctx.call('POST', '/v1/verifications', {
        token: consumerKey,
        body: { gtin: p.gtin, serial: p.ser, lot: p.lot, exp: p.exp },
      });
      expect(res.status).toBe(status);
      const text = await res.text();
      for (const word of [...NEAR_MISS_KINDS, 'near', 'AB12C', '000777', '2028-03', '2012'])
        if (text.includes(word) && !Object.values(p).some((v) => v.includes(word)))
          expect.fail(`answer leaks ${word}: ${text}`);
    }
    await ctx.history.flush();
    const kinds = await ctx.database.db
      .selectFrom('verification_history')
      .select(['near_miss', (eb) => eb.fn.countAll<number>().as('n')])
      .where('near_miss', 'is not', null)
      .groupBy('near_miss')
      .execute();
    expect(Object.fromEntries(kinds.map((k) => [k.near_miss, Number(k.n)]))).toEqual({
      lot_format: 2,
      expiry_day: 2,
      expiry_century: 2,
      serial_format: 4,
      gtin_padding: 2,
      serial_other_gtin: 2,
    });
  });

  test('past its bound the recorder records without searching, and loses nothing', async () => {
    const db = ctx.database.db;
    const writer = new HistoryWriter(db, createLogger('silent'), { flushMs: 1, batchSize: 100 });
    const recorder = new NearMissRecorder(db, writer, createLogger('silent'), 1);
    const [row] = await db
      .selectFrom('verification_history')
      .selectAll()
      .where('near_miss', '=', 'lot_format')
      .execute();
    const entry = {
      verifiedAt: new Date(),
      channel: 'api' as const,
      requestorGln: CONSUMER_GLN,
      requestorCompanyId: null,
      producerCompanyId: row!.producer_company_id,
      gtin: GTIN_A,
      serial: 'SN00123',
      lot: 'ab12c',
      expiry: '280331',
      corrUuid: 'burst',
      httpStatus: 200,
      verified: false,
      failureReason: 'No_match_GTIN_Serial_Lot',
      additionalInfo: [],
      responderGln: PRODUCER_GLN,
      inNetwork: true,
      latencyMs: 1,
      ctrlPossessAtt: null,
      email: null,
      telephone: null,
      requestId: null,
    };
    for (let i = 0; i < 3; i++) recorder.record(entry);
    await recorder.close();
    const burst = await db
      .selectFrom('verification_history')
      .select('near_miss')
      .where('corr_uuid', '=', 'burst')
      .execute();
    expect(burst.map((r) => r.near_miss).sort()).toEqual(['lot_format', null, null]);
  });
});
