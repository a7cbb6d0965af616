import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Company } from '../db/repositories/companies.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln, seedProduct } from './helpers/seedNetwork.js';

const GTIN = '00361414567894';
const OTHER_GTIN = '00305910369019';
const CORR = '21EC2020-3AEA-4069-A2DD-08002B30309D';
const path = (o: { gtin?: string; lot?: string; ser?: string; exp?: string; reqGLN?: string; extra?: string } = {}) =>
  `/verify/gtin/${o.gtin ?? GTIN}/lot/${o.lot ?? '1908642E'}/ser/${o.ser ?? '400806'}?exp=${o.exp ?? '281231'}&linkType=verificationService&context=dscsaSaleableReturn&reqGLN=${o.reqGLN ?? '0321012345676'}&corrUUID=${CORR}${o.extra ?? ''}`;
const GS = '\u001d';

describe('verification API', () => {
  let ctx: ApiTestContext;
  let producer: Company;
  let producerKey: string;
  let consumerKey: string;
  const problem = async (res: Response) => (await res.json()) as { status: number; errors?: { path: string; code?: string; ai?: string }[] };

  beforeAll(async () => {
    ctx = await createApiTestContext('verify-api', { BRUTE_FORCE_LIMIT: '3' });
    producer = await companyWithGln(ctx.database.db, '0312345000011', ['producer']);
    producerKey = await apiKeyFor(ctx.database.db, producer);
    consumerKey = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, '0321012345676', ['consumer']));
    const serial = { gtin: GTIN, serial: '400806', lot: '1908642E', expiry: '281231', expiryDate: '2028-12-31', status: 'commissioned' };
    await seedProduct(ctx.database.db, producer, GTIN, [serial, { ...serial, serial: 'SER2' }]);
    const other = await companyWithGln(ctx.database.db, '0614141000005', ['producer']);
    await seedProduct(ctx.database.db, other, OTHER_GTIN, []);
  });
  afterAll(() => ctx.close());

  test('error order: 405 before 401 before 400 before 403 before 404', async () => {
    expect((await ctx.call('POST', path({ gtin: 'x' }))).status).toBe(405);
    expect((await ctx.call('POST', path(), { token: consumerKey })).headers.get('allow')).toBe('GET, HEAD');
    expect((await ctx.call('GET', path({ gtin: 'x' }))).status).toBe(401);
    expect((await ctx.call('GET', path({ gtin: 'x', reqGLN: '0614141000005' }), { token: consumerKey })).status).toBe(400);
    expect((await ctx.call('GET', path({ gtin: '00000000000000', reqGLN: '0614141000005' }), { token: consumerKey })).status).toBe(403);
    expect((await ctx.call('GET', path({ gtin: '00012345600012' }), { token: consumerKey })).status).toBe(404);
  });

  test('a 400 names every bad parameter by its URL name', async () => {
    const res = await ctx.call('GET', '/verify/gtin/00361414567895/lot/A%20B/ser/400806?exp=281301&linkType=other&context=x&reqGLN=1&corrUUID=nope', { token: consumerKey });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await problem(res)).errors!.map((e) => e.path).sort()).toEqual(['context', 'corrUUID', 'exp', 'gtin', 'linkType', 'lot', 'reqGLN'].sort());
  });

  test('answers carry Cache-Control, GS1US-Version, a millisecond timestamp; HEAD works; R1.3 fields are recorded', async () => {
    const res = await ctx.call('GET', path({ extra: '&ctrlPossessAtt=true&email=qa%40dist.example&telephone=%2B15555550100' }), { token: consumerKey, headers: { 'GS1US-Version': '1.3.0' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('gs1us-version')).toBe('1.3.0');
    expect(((await res.json()) as { verificationTimestamp: string }).verificationTimestamp).toMatch(/\.\d{3}Z$/);
    expect((await ctx.call('HEAD', path(), { token: consumerKey })).status).toBe(200);
    await ctx.deps.history.flush();
    const row = await ctx.database.db.selectFrom('verification_history').selectAll().where('email', '=', 'qa@dist.example').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ctrl_possess_att: true, telephone: '+15555550100', channel: 'api', verified: true, responder_gln: '0312345000011' });
  });

  test('producers verify their own products and get 403 for others; operators cannot verify', async () => {
    expect((await ctx.call('GET', path({ reqGLN: '0312345000011' }), { token: producerKey })).status).toBe(200);
    expect((await ctx.call('GET', path({ gtin: OTHER_GTIN, reqGLN: '0312345000011' }), { token: producerKey })).status).toBe(403);
    expect((await ctx.call('GET', path(), { token: ADMIN_TOKEN })).status).toBe(403);
  });

  test('response rules: PUT changes the next answer, a per-GTIN override wins', async () => {
    const miss = () => ctx.call('GET', path({ lot: 'WRONG' }), { token: consumerKey });
    expect(((await (await miss()).json()) as { data: { verificationFailureReason: string } }).data.verificationFailureReason).toBe('No_match_GTIN_Serial_Lot');
    const put = await ctx.call('PUT', '/v1/rules/response', { token: producerKey, body: { rules: { sendFailureReason: false } } });
    expect(put.status).toBe(200);
    expect(((await (await miss()).json()) as { data: { verificationFailureReason: string } }).data.verificationFailureReason).toBe('No_reason_provided');
    await ctx.call('PUT', '/v1/rules/response', { token: producerKey, body: { rules: { sendFailureReason: false }, overrides: [{ gtin: GTIN, rules: { sendFailureReason: true } }] } });
    expect(((await (await miss()).json()) as { data: { verificationFailureReason: string } }).data.verificationFailureReason).toBe('No_match_GTIN_Serial_Lot');
    expect((await ctx.call('PUT', '/v1/rules/response', { token: consumerKey, body: { rules: {} } })).status).toBe(403);
    expect((await ctx.call('PUT', '/v1/rules/response', { token: producerKey, body: { rules: { sendFailureReason: 'no' } } })).status).toBe(400);
    await ctx.call('PUT', '/v1/rules/response', { token: producerKey, body: {} });
  });

  test('POST /v1/verifications takes raw scans, bracketed text, Digital Links and fields; fills reqGLN and corrUUID', async () => {
    const post = (body: unknown, headers: Record<string, string> = {}) => ctx.call('POST', '/v1/verifications', { token: consumerKey, body, headers });
    for (const barcode of [`]d201${GTIN}17281231101908642E${GS}21400806\r`, `01${GTIN}17281231101908642E<GS>21400806`, `(01)${GTIN}(17)281231(10)1908642E(21)400806`, `https://id.example.com/01/${GTIN}/10/1908642E/21/400806?17=281231`]) {
      const res = await post({ barcode }, { 'X-VRS-Channel': 'web' });
      expect(res.status, barcode).toBe(200);
      const body = (await res.json()) as { reqGLN: string; corrUUID: string; data: { verified: boolean } };
      expect(body).toMatchObject({ reqGLN: '0321012345676', data: { verified: true } });
      expect(body.corrUUID).toMatch(/^[0-9a-f-]{36}$/);
    }
    const fields = await post({ gtin: GTIN, serial: '400806', lot: '1908642E', exp: '281231', corrUUID: CORR });
    expect(((await fields.json()) as { corrUUID: string }).corrUUID).toBe(CORR);
    const missing = await post({ barcode: `01${GTIN}17281231101908642E` });
    expect(missing.status).toBe(400);
    expect((await problem(missing)).errors).toEqual([expect.objectContaining({ path: 'barcode', ai: '21', code: 'missing_ai' })]);
    await ctx.deps.history.flush();
    expect(await ctx.database.db.selectFrom('verification_history').select('channel').where('channel', '=', 'web').execute()).toHaveLength(4);
  });

  test('devices: a registered token verifies as channel device; unregistering stops it at once', async () => {
    const res = await ctx.call('POST', '/v1/devices', { token: consumerKey, body: { name: 'Dock 3', model: 'Zebra TC52', androidVersion: '13' } });
    expect(res.status).toBe(201);
    const { deviceId, token } = (await res.json()) as { deviceId: string; token: string };
    expect((await ctx.call('POST', '/v1/devices', { token, body: { name: 'x' } })).status).toBe(403);
    expect((await ctx.call('GET', path({ ser: 'SER2' }), { token })).status).toBe(200);
    await ctx.deps.history.flush();
    expect(await ctx.database.db.selectFrom('verification_history').select('channel').where('serial', '=', 'SER2').execute()).toEqual([{ channel: 'device' }]);
    expect((await ctx.call('DELETE', `/v1/devices/${deviceId}`, { token: consumerKey })).status).toBe(204);
    expect((await ctx.call('GET', path(), { token })).status).toBe(401);
  });

  test('checkConnectivity: 200 with the responder for our GTINs, 404 otherwise, 405 for other methods', async () => {
    const res = await ctx.call('GET', `/checkConnectivity?gtin=${GTIN}&reqGLN=0321012345676`, { token: consumerKey });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ responderGLN: '0312345000011' });
    expect((await ctx.call('GET', '/checkConnectivity?gtin=00012345600012&reqGLN=0321012345676', { token: consumerKey })).status).toBe(404);
    expect((await ctx.call('DELETE', '/checkConnectivity', { token: consumerKey })).status).toBe(405);
    expect((await ctx.call('GET', `/checkConnectivity?gtin=${GTIN}&reqGLN=0321012345676`)).status).toBe(401);
  });

  test('brute-force guard: too many unknown serials give 403 to that caller only', async () => {
    const guesser = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, '0098765000014', ['consumer']));
    for (const ser of ['G1', 'G2', 'G3']) expect((await ctx.call('GET', path({ ser, reqGLN: '0098765000014' }), { token: guesser })).status).toBe(200);
    expect((await ctx.call('GET', path({ reqGLN: '0098765000014' }), { token: guesser })).status).toBe(403);
    expect((await ctx.call('GET', path(), { token: consumerKey })).status).toBe(200);
  });

  test('history: every answer (200 and 404) is recorded and nothing is lost on a clean shutdown', async () => {
    await ctx.deps.history.flush();
    const before = (await ctx.database.db.selectFrom('verification_history').select(ctx.database.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
    for (let i = 0; i < 20; i++) await ctx.call('GET', path({ ser: i % 2 ? 'SER2' : '400806' }), { token: consumerKey });
    await ctx.call('GET', path({ gtin: '00012345600012' }), { token: consumerKey });
    expect(ctx.deps.history.pending).toBeGreaterThan(0);
    await ctx.deps.history.close();
    const rows = await ctx.database.db.selectFrom('verification_history').selectAll().execute();
    expect(rows.length - Number(before)).toBe(21);
    expect(rows.find((r) => r.http_status === 404)).toMatchObject({ gtin: '00012345600012', verified: null, producer_company_id: null });
  });
});
