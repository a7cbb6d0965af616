import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Company } from '../db/repositories/companies.js';
import { insertHistoryBatch } from '../db/repositories/history.js';
import type { VerificationRecord } from '../domain/history/record.js';
import { verificationRecord } from './helpers/verificationRecord.js';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln } from './helpers/seedNetwork.js';

const HEADER =
  'verifiedAt,channel,requestorGLN,requestorCompany,gtin,serial,lot,expiry,corrUUID,verified,failureReason,additionalInfo,responderGLN,inNetwork,latencyMs,nearMiss';
const at = new Date('2026-11-20T10:00:00.000Z');
const record = (o: Partial<VerificationRecord>) =>
  verificationRecord({ verifiedAt: at, responderGln: '0312345000011', latencyMs: 1.5, email: 'qa@example.com', ...o });
const range = 'from=2026-11-18T00:00:00Z&to=2026-11-25T00:00:00Z';
type Row = Record<string, unknown>;

describe('GET /v1/history: contents, formats, tenancy, limits', () => {
  let ctx: ApiTestContext;
  let a: Company, b: Company, consumer: Company, both: Company;
  const keys: Record<string, string> = {};
  const get = (who: string, query: string) => ctx.call('GET', `/v1/history?${query}`, { token: keys[who] });
  const rows = async (who: string, query = range) => (await (await get(who, query)).json()) as Row[];
  const problemPaths = async (res: Response) =>
    ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);

  beforeAll(async () => {
    ctx = await createApiTestContext('history');
    const db = ctx.database.db;
    a = await companyWithGln(db, '0312345000011', ['producer']);
    b = await companyWithGln(db, '0614141000005', ['producer']);
    consumer = await companyWithGln(db, '0321012345676', ['consumer']);
    both = await companyWithGln(db, '0860000000017', ['producer', 'consumer']);
    for (const [k, c] of Object.entries({ a, b, consumer, both })) keys[k] = await apiKeyFor(db, c);
    await insertHistoryBatch(db, [
      record({
        producerCompanyId: a.id,
        requestorCompanyId: consumer.id,
        lot: 'L,"1"\nx',
        additionalInfo: ['Recalled', 'Suspect'],
        verified: false,
        failureReason: 'Manufacturer_policy',
      }),
      record({
        producerCompanyId: a.id,
        channel: 'peer',
        requestorGln: '0614141000005',
        serial: 'S2',
        verifiedAt: new Date(at.getTime() + 1000),
        latencyMs: 12.34,
      }),
      record({ producerCompanyId: b.id, requestorCompanyId: consumer.id, gtin: '00305910369019' }),
      record({
        producerCompanyId: a.id,
        requestorCompanyId: consumer.id,
        serial: 'old',
        verifiedAt: new Date('2026-10-01T00:00:00Z'),
      }),
      record({ producerCompanyId: both.id, requestorCompanyId: a.id, serial: 'asProducer' }),
      record({ producerCompanyId: b.id, requestorCompanyId: both.id, serial: 'asConsumer', channel: 'web' }),
    ]);
  });
  afterAll(() => ctx.close());

  test('producers see verifications of their own products only; consumers their own requests', async () => {
    expect((await rows('a')).map((r) => r.serial)).toEqual(['S1', 'S2']);
    expect((await rows('b')).map((r) => r.serial)).toEqual(['S1', 'asConsumer']);
    expect((await rows('consumer')).map((r) => [r.serial, r.gtin])).toEqual([
      ['S1', '00361414567894'],
      ['S1', '00305910369019'],
    ]);
  });

  test('a company with both roles gets its producer side by default and its own requests with role=consumer', async () => {
    expect((await rows('both')).map((r) => r.serial)).toEqual(['asProducer']);
    expect((await rows('both', `${range}&role=consumer`)).map((r) => r.serial)).toEqual(['asConsumer']);
    expect((await rows('both', `${range}&role=producer`)).map((r) => r.serial)).toEqual(['asProducer']);
    expect((await get('consumer', `${range}&role=producer`)).status).toBe(403);
  });

  test('JSON is an array of objects named like the CSV header, in the same order, then the routing and ATP fields; peers have an empty requestorCompany', async () => {
    const res = await get('a', range);
    expect(res.headers.get('content-type')).toBe('application/json');
    const [first, peer] = (await res.json()) as Row[];
    expect(Object.keys(first!).join(',')).toBe(
      `${HEADER},partnerId,peerStatus,peerLatencyMs,peerFailureReason,atp,atpErrorCodes`,
    );
    expect(first).toEqual({
      verifiedAt: '2026-11-20T10:00:00.000Z',
      channel: 'api',
      requestorGLN: '0321012345676',
      requestorCompany: consumer.name,
      gtin: '00361414567894',
      serial: 'S1',
      lot: 'L,"1"\nx',
      expiry: '281231',
      corrUUID: '21EC2020-3AEA-4069-A2DD-08002B30309D',
      verified: false,
      failureReason: 'Manufacturer_policy',
      additionalInfo: ['Recalled', 'Suspect'],
      responderGLN: '0312345000011',
      inNetwork: true,
      latencyMs: 1.5,
      nearMiss: null,
      partnerId: null,
      peerStatus: null,
      peerLatencyMs: null,
      peerFailureReason: null,
      atp: null,
      atpErrorCodes: null,
    });
    expect(peer).toMatchObject({ channel: 'peer', requestorCompany: '', latencyMs: 12.34 });
  });

  test('CSV: the one-line header, RFC 4180 quoting of commas, quotes and newlines, additionalInfo joined with |', async () => {
    const res = await get('a', `${range}&format=csv`);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const body = await res.text();
    expect(body.split('\r\n')[0]).toBe(HEADER);
    expect(body).toContain(',"L,""1""\nx",');
    const parsed = parse(body, { columns: true }) as Record<string, string>[];
    expect(parsed.map((r) => [r.lot, r.additionalInfo, r.requestorCompany, r.verified, r.failureReason])).toEqual([
      ['L,"1"\nx', 'Recalled|Suspect', consumer.name, 'false', 'Manufacturer_policy'],
      ['L1', '', '', 'true', ''],
    ]);
  });

  test('ndjson gives one object per line', async () => {
    const res = await get('a', `${range}&format=ndjson`);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await res.text()).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => (JSON.parse(l) as Row).serial)).toEqual(['S1', 'S2']);
  });

  test('an empty range is a valid empty document in every format', async () => {
    const empty = 'from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z';
    expect(await rows('a', empty)).toEqual([]);
    expect(await (await get('a', `${empty}&format=ndjson`)).text()).toBe('');
    expect(await (await get('a', `${empty}&format=csv`)).text()).toBe(`${HEADER}\r\n`);
  });

  test('ranges: at most 7 days, from before to, both ISO 8601 instants; a 400 names the field', async () => {
    expect((await get('a', 'from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z')).status).toBe(200);
    const long = await get('a', 'from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00.001Z');
    expect(long.status).toBe(400);
    expect(long.headers.get('content-type')).toContain('application/problem+json');
    expect(await problemPaths(long)).toEqual(['to']);
    expect(await problemPaths(await get('a', 'from=2026-11-09T00:00:00Z&to=2026-11-08T00:00:00Z'))).toEqual(['to']);
    expect(await problemPaths(await get('a', 'from=2026-11-08T00:00:00Z&to=2026-11-08T00:00:00Z'))).toEqual(['to']);
    expect(await problemPaths(await get('a', 'from=yesterday&to=2026-11-08T00:00:00Z'))).toEqual(['from']);
    expect(await problemPaths(await get('a', 'from=2026-11-08T00:00:00Z'))).toEqual(['to']);
    expect(await problemPaths(await get('a', `${range}&format=xml`))).toEqual(['format']);
    expect(
      await (await get('a', 'from=2026-11-19T20:00:00-05:00&to=2026-11-20T05:00:00.001-05:00')).json(),
    ).toHaveLength(1); // offsets count
  });

  test('auth: 401 without a key, 403 for the operator and for a device token', async () => {
    expect((await ctx.call('GET', `/v1/history?${range}`)).status).toBe(401);
    expect((await ctx.call('GET', `/v1/history?${range}`, { token: ctx.deps.config.VRS_ADMIN_TOKEN })).status).toBe(
      403,
    );
    const device = (await (
      await ctx.call('POST', '/v1/devices', { token: keys.consumer, body: { name: 'Dock 1' } })
    ).json()) as { token: string };
    expect((await ctx.call('GET', `/v1/history?${range}`, { token: device.token })).status).toBe(403);
  });

  test('what the API records through ctx.history is in the export once flushed', async () => {
    ctx.history.record(
      record({ producerCompanyId: a.id, serial: 'viaWriter', verifiedAt: new Date('2026-11-22T00:00:00Z') }),
    );
    await ctx.history.flush();
    expect((await rows('a')).map((r) => r.serial)).toEqual(['S1', 'S2', 'viaWriter']);
  });

  test('the route is in /v1/openapi.json with its three formats', async () => {
    const doc = (await (await ctx.call('GET', '/v1/openapi.json')).json()) as {
      paths: Record<string, { get: { responses: { 200: { content: Row } } } }>;
    };
    expect(Object.keys(doc.paths['/v1/history']!.get.responses[200].content)).toEqual([
      'application/json',
      'application/x-ndjson',
      'text/csv',
    ]);
  });
});
