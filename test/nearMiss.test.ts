import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NearMissRecorder } from '../api/verification/nearMissRecorder.js';
import { HistoryWriter } from '../db/historyWriter.js';
import { NEAR_MISS_KINDS } from '../domain/verification/nearMiss.js';
import { createLogger } from '../logger.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { verificationRecord } from './helpers/verificationRecord.js';
import { askNearMisses, byRequest, expected, GTIN_A, requests, SHIFTED_A, type Asked } from './helpers/nearMisses.js';
import { CONSUMER_GLN, verifyPath } from './helpers/verifyRequest.js';

describe('near misses: recorded for the producer, never in the answer', () => {
  let ctx: ApiTestContext;
  let producerKey: string;
  let consumerKey: string;
  let answers: { status: number; text: string }[];
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    ctx = await createApiTestContext('near-miss');
    ({ producerKey, consumerKey, answers } = await askNearMisses(ctx));
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
    const entry = verificationRecord({
      verifiedAt: new Date(),
      requestorGln: CONSUMER_GLN,
      producerCompanyId: row!.producer_company_id,
      gtin: GTIN_A,
      serial: 'SN00123',
      lot: 'ab12c',
      expiry: '280331',
      corrUuid: 'burst',
      verified: false,
      failureReason: 'No_match_GTIN_Serial_Lot',
    });
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
