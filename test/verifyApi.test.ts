import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company } from './helpers/masterData.js';
import { apiKeyFor, companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { CONSUMER_GLN, defaultPack, CORR, GTIN, PRODUCER_GLN, verifyPath as path } from './helpers/verifyRequest.js';

const GS = '\u001d';
type Answer = { reqGLN: string; corrUUID: string; data: { verified: boolean; verificationFailureReason?: string } };

describe('verification API: R1.3 fields, response rules, POST /v1/verifications, history', () => {
  let ctx: ApiTestContext;
  let producerKey: string;
  let consumerKey: string;
  const rows = async () => {
    await ctx.deps.history.flush();
    return ctx.database.db.selectFrom('verification_history').selectAll().execute();
  };

  beforeAll(async () => {
    ctx = await createApiTestContext('verify-api');
    // Response-rule overrides are accepted for the producer's own GTINs only: it holds GTIN's prefix.
    const { company: producer, token } = await company(ctx.database.db, {
      gln: PRODUCER_GLN,
      roles: ['producer'],
      prefixes: ['0361414'],
    });
    producerKey = token;
    consumerKey = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']));
    const serial = defaultPack();
    await seedProduct(ctx.database.db, producer, GTIN, [serial, { ...serial, serial: 'SER2' }]);
  });
  afterAll(() => ctx.close());

  test('R1.3 ctrlPossessAtt, email and telephone are accepted and recorded', async () => {
    const res = await ctx.call(
      'GET',
      path({ extra: '&ctrlPossessAtt=true&email=qa%40dist.example&telephone=%2B15555550100' }),
      { token: consumerKey },
    );
    expect(res.status).toBe(200);
    const row = (await rows()).find((r) => r.email === 'qa@dist.example');
    expect(row).toMatchObject({
      ctrl_possess_att: true,
      telephone: '+15555550100',
      channel: 'api',
      verified: true,
      responder_gln: PRODUCER_GLN,
      corr_uuid: CORR,
    });
  });

  test('X-Request-Id: a plain token is echoed on answers, errors and other routes, and recorded; anything else is replaced by a UUID', async () => {
    const id = (res: Response) => res.headers.get('x-request-id');
    const answer = await ctx.call('GET', path({ extra: '&email=rid%40dist.example' }), {
      token: consumerKey,
      headers: { 'x-request-id': 'trace-42' },
    });
    expect([
      answer.status,
      id(answer),
      answer.headers.get('cache-control'),
      answer.headers.get('content-type'),
    ]).toEqual([200, 'trace-42', 'private, no-cache', 'application/json']);
    expect((await rows()).find((r) => r.email === 'rid@dist.example')?.request_id).toBe('trace-42');
    const error = await ctx.call('GET', path({ gtin: '00000000000001' }), {
      token: consumerKey,
      headers: { 'x-request-id': 'trace-43' },
    });
    expect([error.status, id(error)]).toEqual([400, 'trace-43']);
    const other = await ctx.call('GET', '/v1/rules/response', {
      token: producerKey,
      headers: { 'x-request-id': 'trace-44' },
    });
    expect([other.status, id(other)]).toEqual([200, 'trace-44']);
    const replaced = await ctx.call('GET', path(), {
      token: consumerKey,
      headers: { 'x-request-id': 'no spaces allowed' },
    });
    expect(id(replaced)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('response rules: PUT changes the next answer, a per-GTIN override wins, GET shows what is stored', async () => {
    const reason = async () =>
      ((await (await ctx.call('GET', path({ lot: 'WRONG' }), { token: consumerKey })).json()) as Answer).data
        .verificationFailureReason;
    const put = (body: unknown, token = producerKey) => ctx.call('PUT', '/v1/rules/response', { token, body });
    expect(await reason()).toBe('No_match_GTIN_Serial_Lot');
    expect((await put({ rules: { sendFailureReason: false } })).status).toBe(200);
    expect(await reason()).toBe('No_reason_provided');
    const stored = {
      rules: { sendFailureReason: false },
      overrides: [{ gtin: GTIN, rules: { sendFailureReason: true } }],
    };
    await put(stored);
    expect(await reason()).toBe('No_match_GTIN_Serial_Lot');
    expect(await (await ctx.call('GET', '/v1/rules/response', { token: producerKey })).json()).toMatchObject(stored);
    // Overrides are replaced as a set: dropping the override brings the company rule back.
    await put({ rules: { sendFailureReason: false } });
    expect(await reason()).toBe('No_reason_provided');

    expect((await put({ rules: {} }, consumerKey)).status).toBe(403);
    expect((await ctx.call('PUT', '/v1/rules/response', { body: { rules: 'x' } })).status).toBe(401);
    expect((await put({ rules: { sendFailureReason: 'no' } })).status).toBe(400);
    expect((await put({ rules: { sendFailureReasons: true } })).status).toBe(400);
    expect(
      (
        await put({
          overrides: [
            { gtin: GTIN, rules: {} },
            { gtin: GTIN, rules: {} },
          ],
        })
      ).status,
    ).toBe(400);
    await put({});
    expect(await reason()).toBe('No_match_GTIN_Serial_Lot');
  });

  test('POST /v1/verifications: raw scan, <GS> substitute, bracketed, Digital Link, fields; fills reqGLN and corrUUID', async () => {
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      ctx.call('POST', '/v1/verifications', { token: consumerKey, body, headers });
    const scans = [
      `]d201${GTIN}17281231101908642E${GS}21400806\r\n`,
      `01${GTIN}17281231101908642E<GS>21400806`,
      `(01)${GTIN}(17)281231(10)1908642E(21)400806`,
      `https://id.example.com/01/${GTIN}/10/1908642E/21/400806?17=281231`,
    ];
    for (const barcode of scans) {
      const res = await post({ barcode }, { 'X-VRS-Channel': 'web' });
      expect(res.status, barcode).toBe(200);
      const body = (await res.json()) as Answer;
      expect(body).toMatchObject({ reqGLN: CONSUMER_GLN, data: { verified: true } });
      expect(body.corrUUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    const fields = await post({ gtin: GTIN, serial: '400806', lot: '1908642E', exp: '281231', corrUUID: CORR });
    expect(((await fields.json()) as Answer).corrUUID).toBe(CORR);
    expect((await rows()).filter((r) => r.channel === 'web')).toHaveLength(4);
    expect(
      (await rows()).find((r) => r.corr_uuid === CORR && r.serial === '400806' && r.channel === 'api'),
    ).toBeDefined();

    const missing = await post({ barcode: `01${GTIN}17281231101908642E` });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ path: 'barcode', ai: '21', code: 'missing_ai' }),
    ]);
    const badField = await post({ gtin: GTIN, serial: 'A B', lot: '1908642E', exp: '281231' });
    expect(((await badField.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['serial']);
    expect((await ctx.call('POST', '/v1/verifications', { body: { nonsense: true } })).status).toBe(401);
  });

  test('history: every answer (200 and 404) is recorded and nothing is lost on a clean shutdown', async () => {
    const before = (await rows()).length;
    for (let i = 0; i < 20; i++)
      await ctx.call('GET', path({ ser: i % 2 ? 'SER2' : '400806' }), { token: consumerKey });
    await ctx.call('GET', path({ gtin: '00012345600012' }), { token: consumerKey });
    expect(ctx.deps.history.pending).toBeGreaterThan(0);
    await ctx.deps.history.close();
    const after = await ctx.database.db.selectFrom('verification_history').selectAll().execute();
    expect(after.length - before).toBe(21);
    expect(after.find((r) => r.http_status === 404)).toMatchObject({
      gtin: '00012345600012',
      verified: null,
      producer_company_id: null,
      requestor_gln: CONSUMER_GLN,
    });
  });
});
