import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureHistoryPartitions } from '../db/historyPartitions.js';
import type { Company } from '../db/repositories/companies.js';
import { insertHistoryBatch } from '../db/repositories/history.js';
import type { VerificationRecord } from '../domain/history/record.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln } from './helpers/seedNetwork.js';

const at = new Date('2026-11-20T10:00:00.000Z');
const record = (o: Partial<VerificationRecord>): VerificationRecord => ({
  verifiedAt: at, channel: 'api', requestorGln: '0321012345676', requestorCompanyId: null, producerCompanyId: null,
  gtin: '00361414567894', serial: 'S1', lot: 'L1', expiry: '281231', corrUuid: '21EC2020-3AEA-4069-A2DD-08002B30309D',
  httpStatus: 200, verified: true, failureReason: null, additionalInfo: [], responderGln: '0312345000011', inNetwork: true,
  latencyMs: 1.5, ctrlPossessAtt: null, email: null, telephone: null, requestId: null, ...o,
});
const range = 'from=2026-11-18T00:00:00Z&to=2026-11-25T00:00:00Z';

describe('GET /v1/history', () => {
  let ctx: ApiTestContext;
  let a: Company, b: Company, consumer: Company;
  const keys: Record<string, string> = {};
  const get = (who: string, query: string) => ctx.call('GET', `/v1/history?${query}`, { token: keys[who] });

  beforeAll(async () => {
    ctx = await createApiTestContext('history');
    a = await companyWithGln(ctx.database.db, '0312345000011', ['producer']);
    b = await companyWithGln(ctx.database.db, '0614141000005', ['producer']);
    consumer = await companyWithGln(ctx.database.db, '0321012345676', ['consumer']);
    for (const [k, c] of Object.entries({ a, b, consumer })) keys[k] = await apiKeyFor(ctx.database.db, c);
    await insertHistoryBatch(ctx.database.db, [
      record({ producerCompanyId: a.id, requestorCompanyId: consumer.id, lot: 'L,"1"', additionalInfo: ['Recalled', 'Suspect'], verified: false, failureReason: 'Manufacturer_policy' }),
      record({ producerCompanyId: a.id, requestorCompanyId: null, channel: 'peer', requestorGln: '0614141000005', serial: 'S2', verifiedAt: new Date(at.getTime() + 1000) }),
      record({ producerCompanyId: b.id, requestorCompanyId: consumer.id, gtin: '00305910369019' }),
      record({ producerCompanyId: a.id, requestorCompanyId: consumer.id, verifiedAt: new Date('2026-10-01T00:00:00Z') }),
    ]);
  });
  afterAll(() => ctx.close());

  test('producers see verifications of their own products only; consumers their own requests', async () => {
    const rowsA = (await (await get('a', range)).json()) as { serial: string; requestorCompany: string }[];
    expect(rowsA.map((r) => r.serial)).toEqual(['S1', 'S2']);
    expect(rowsA.map((r) => r.requestorCompany)).toEqual([consumer.name, '']);
    expect(((await (await get('b', range)).json()) as { gtin: string }[]).map((r) => r.gtin)).toEqual(['00305910369019']);
    expect(((await (await get('consumer', range)).json()) as unknown[]).length).toBe(2);
  });

  test('CSV has the one-line header of data-formats.md, RFC 4180 quoting and additionalInfo joined with |', async () => {
    const res = await get('a', `${range}&format=csv`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('verifiedAt,channel,requestorGLN,requestorCompany,gtin,serial,lot,expiry,corrUUID,verified,failureReason,additionalInfo,responderGLN,inNetwork,latencyMs');
    expect(lines[1]).toContain('"L,""1"""');
    expect(lines[1]).toContain(',Recalled|Suspect,');
    expect(lines[2]).toContain(',peer,0614141000005,,');
  });

  test('ndjson gives one object per line', async () => {
    const text = await (await get('a', `${range}&format=ndjson`)).text();
    expect(text.trim().split('\n').map((l) => JSON.parse(l) as { serial: string }).map((r) => r.serial)).toEqual(['S1', 'S2']);
  });

  test('a range over 7 days, reversed, or malformed is a 400 naming the field', async () => {
    const long = await get('a', 'from=2026-11-01T00:00:00Z&to=2026-11-09T00:00:00Z');
    expect(long.status).toBe(400);
    expect(((await long.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('to');
    expect((await get('a', 'from=2026-11-09T00:00:00Z&to=2026-11-08T00:00:00Z')).status).toBe(400);
    const bad = await get('a', 'from=yesterday&to=2026-11-08T00:00:00Z');
    expect(((await bad.json()) as { errors: { path: string }[] }).errors[0]!.path).toBe('from');
    expect((await ctx.call('GET', `/v1/history?${range}`)).status).toBe(401);
  });

  test('200k rows stream out completely, page by page', async () => {
    await sql`
      insert into verification_history (verified_at, channel, producer_company_id, gtin, serial, lot, expiry, corr_uuid, http_status, verified, in_network, latency_ms)
      select timestamptz '2026-11-21T00:00:00Z' + (i || ' milliseconds')::interval, 'api', ${b.id}::uuid, '00305910369019', 'B' || i, 'L', '281231', gen_random_uuid()::text, 200, true, true, 1
      from generate_series(1, 200000) as i`.execute(ctx.database.db);
    const res = await get('b', `${range}&format=ndjson`);
    expect(res.body).toBeInstanceOf(ReadableStream);
    let lines = 0;
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) lines += (decoder.decode(chunk, { stream: true }).match(/\n/g) ?? []).length;
    expect(lines).toBe(200_001);
  });

  test('monthly partitions are created and new rows land in them', async () => {
    const created = await ensureHistoryPartitions(ctx.database.db, new Date('2027-03-15T00:00:00Z'));
    expect(created).toEqual(['verification_history_y2027m03', 'verification_history_y2027m04']);
    await insertHistoryBatch(ctx.database.db, [record({ verifiedAt: new Date('2027-03-20T00:00:00Z') })]);
    const { rows } = await sql<{ part: string }>`select tableoid::regclass::text as part from verification_history where verified_at = '2027-03-20T00:00:00Z'`.execute(ctx.database.db);
    expect(rows).toEqual([{ part: 'verification_history_y2027m03' }]);
    expect(await ensureHistoryPartitions(ctx.database.db, new Date('2027-03-15T00:00:00Z'))).toEqual([]);
  });
});
