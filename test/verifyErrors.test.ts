import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { seedVerifyNetwork } from './helpers/seedNetwork.js';
import { CONSUMER_GLN, GTIN, PRODUCER_GLN, verifyPath as path, type VerifyParams } from './helpers/verifyRequest.js';

const OTHER_GTIN = '00305910369019';
const UNKNOWN_GTIN = '00012345600012';

// One bad parameter each: the 400 must name exactly that parameter, by its URL name.
const badParams: [string, VerifyParams][] = [
  ['gtin', { gtin: '00361414567895' }],
  ['gtin', { gtin: '0036141456789A' }],
  ['gtin', { gtin: '361414567894' }],
  ['lot', { lot: 'A%20B' }],
  ['lot', { lot: 'ABCDEFGHIJKLMNOPQRSTU' }],
  ['lot', { lot: '' }],
  ['ser', { ser: 'SER%231' }],
  ['ser', { ser: '123456789012345678901' }],
  ['ser', { ser: '' }],
  ['exp', { exp: '281301' }],
  ['exp', { exp: '280230' }],
  ['exp', { exp: '2812' }],
  ['exp', { exp: null }],
  ['reqGLN', { reqGLN: '0321012345677' }],
  ['reqGLN', { reqGLN: null }],
  ['corrUUID', { corrUUID: 'not-a-uuid' }],
  ['corrUUID', { corrUUID: '21EC2020-3AEA-4069-A2DD-08002B30309' }],
  ['corrUUID', { corrUUID: null }],
  ['linkType', { linkType: 'pip' }],
  ['linkType', { linkType: null }],
  ['context', { context: 'dscsaSale' }],
  ['context', { context: null }],
  ['ctrlPossessAtt', { extra: '&ctrlPossessAtt=yes' }],
];

describe('GET /verify and /checkConnectivity: statuses, error order and headers', () => {
  let ctx: ApiTestContext;
  let consumerKey: string;
  let producerKey: string;
  const call = (p: string, token?: string, method = 'GET', headers: Record<string, string> = {}) =>
    ctx.call(method, p, { ...(token && { token }), headers });

  beforeAll(async () => {
    ctx = await createApiTestContext('verify-errors');
    ({ producerKey, consumerKey } = await seedVerifyNetwork(ctx.database.db, OTHER_GTIN));
  });
  afterAll(() => ctx.close());

  test.each(badParams)('400 naming %s for %j', async (field, params) => {
    const res = await call(path(params), consumerKey);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = (await res.json()) as { status: number; errors: { path: string; message: string }[] };
    expect(body.status).toBe(400);
    expect(body.errors.map((e) => e.path)).toEqual([field]);
  });

  test.each(['POST', 'PUT', 'DELETE', 'PATCH'])('405 for %s before 401 and 400, with Allow', async (method) => {
    for (const p of [path({ gtin: 'x' }), '/checkConnectivity?gtin=x']) {
      const res = await call(p, undefined, method);
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
    }
  });

  test('401 before 400, 400 before 403, 403 before 404', async () => {
    expect((await call(path({ gtin: 'x' }))).status).toBe(401);
    expect((await call(path({ gtin: 'x' }), 'vrs_000000000000_' + 'A'.repeat(43))).status).toBe(401);
    expect((await call(path({ gtin: 'x', reqGLN: '0614141000005' }), consumerKey)).status).toBe(400);
    expect((await call(path({ gtin: UNKNOWN_GTIN, reqGLN: '0614141000005' }), consumerKey)).status).toBe(403);
    expect((await call(path({ gtin: UNKNOWN_GTIN }), consumerKey)).status).toBe(404);
  });

  test('403: reqGLN of another company, a producer verifying the GTIN of another producer, the operator token', async () => {
    expect((await call(path({ reqGLN: '0614141000005' }), consumerKey)).status).toBe(403);
    expect((await call(path({ reqGLN: PRODUCER_GLN }), producerKey)).status).toBe(200);
    expect((await call(path({ gtin: OTHER_GTIN, reqGLN: PRODUCER_GLN }), producerKey)).status).toBe(403);
    expect((await call(path(), ADMIN_TOKEN)).status).toBe(403);
  });

  test('404 for unknown and for withdrawn GTINs (the next request already sees a withdrawal); 404 for unknown paths', async () => {
    expect((await call(path({ gtin: UNKNOWN_GTIN }), consumerKey)).status).toBe(404);
    await ctx.database.db
      .updateTable('network_products')
      .set({ withdrawn_at: new Date() })
      .where('gtin', '=', OTHER_GTIN)
      .execute();
    expect((await call(path({ gtin: OTHER_GTIN }), consumerKey)).status).toBe(404);
    expect((await call('/verify/gtin/' + GTIN, consumerKey)).status).toBe(404);
  });

  // The GS1 endpoints are served ahead of the whole app's router (api/verifyFirst.ts), on the path as Hono reads it.
  test('paths near the GS1 endpoints: percent-encoded ones reach them, their neighbours answer as the whole app', async () => {
    expect((await call(path({}).replace('/verify/', '/%76erify/'), consumerKey)).status).toBe(200);
    const detail = async (p: string) => ((await (await call(p, consumerKey)).json()) as { detail: string }).detail;
    expect(await detail('/verify')).toBe('no route for /verify');
    expect(await detail('/verify/')).toBe('no route for /verify/');
    expect(await detail('/checkConnectivity/')).toBe('no route for GET /checkConnectivity/');
    expect(await detail('/verifyx')).toBe('no route for GET /verifyx');
    expect((await call('/verify/gtin/' + GTIN, consumerKey, 'POST')).status).toBe(405);
  });

  test('answer headers; corrUUID echoed as sent; long linkType; HEAD', async () => {
    const lower = '21ec2020-3aea-4069-a2dd-08002b30309d';
    const res = await call(path({ corrUUID: lower, linkType: 'gs1:verificationService' }), consumerKey);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('gs1us-version')).toBe('1.3.0');
    expect(await res.json()).toMatchObject({ responderGLN: PRODUCER_GLN, corrUUID: lower, data: { verified: true } });
    const head = await call(path(), consumerKey, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  test.each([
    ['1.3.0', '1.3.0'],
    ['1.2.0', '1.2.0'],
    ['1.0', '1.0'],
    ['2.0.0', '1.3.0'],
    ['1.4.0', '1.3.0'],
    ['garbage', '1.3.0'],
  ])('GS1US-Version %s is answered with %s', async (sent, answered) => {
    const res = await call(path(), consumerKey, 'GET', { 'GS1US-Version': sent });
    expect(res.headers.get('gs1us-version')).toBe(answered);
  });

  test('checkConnectivity: 200, 404, 400 per field, 403 for another reqGLN, HEAD, 401', async () => {
    const cc = (gtin: string, reqGLN = CONSUMER_GLN) => `/checkConnectivity?gtin=${gtin}&reqGLN=${reqGLN}`;
    const ok = await call(cc(GTIN), consumerKey);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ responderGLN: PRODUCER_GLN });
    expect((await call(cc(GTIN, PRODUCER_GLN), producerKey)).status).toBe(200);
    expect((await call(cc(UNKNOWN_GTIN), consumerKey)).status).toBe(404);
    const bad = (await (await call(cc('123', '456'), consumerKey)).json()) as { errors: { path: string }[] };
    expect(bad.errors.map((e) => e.path)).toEqual(['gtin', 'reqGLN']);
    expect((await call(cc(GTIN, '0614141000005'), consumerKey)).status).toBe(403);
    expect((await call(cc(GTIN), consumerKey, 'HEAD')).status).toBe(200);
    expect((await call(cc(GTIN))).status).toBe(401);
  });

  test('the OpenAPI document describes the GS1 endpoints', async () => {
    const doc = (await (await call('/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/verify/gtin/{gtin}/lot/{lot}/ser/{ser}', '/checkConnectivity', '/v1/verifications']),
    );
  });
});
