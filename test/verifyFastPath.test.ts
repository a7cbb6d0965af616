import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { seedVerifyNetwork } from './helpers/seedNetwork.js';
import { PRODUCER_GLN, verifyPath, type VerifyParams } from './helpers/verifyRequest.js';

const UNKNOWN_GTIN = '00012345600012';
const OTHER_GTIN = '00305910369019';
const ROUTE = 'route="/verify/gtin/:gtin{[^/]*}/lot/:lot{[^/]*}/ser/:ser{[^/]*}"';
// Headers a GS1 or problem answer may carry; X-Request-Id is sent, so both ways echo the same one.
const HEADERS = ['content-type', 'cache-control', 'gs1us-version', 'x-request-id', 'www-authenticate', 'retry-after'];

/** The count of verify requests answered with `status`, from the request histogram. */
function answered(metrics: string, status: number): number {
  const line = metrics
    .split('\n')
    .find((l) => l.startsWith(`vrs_http_request_duration_seconds_count{method="GET",${ROUTE},status="${status}"} `));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

// A bearer token takes the fast path (api/verifyFastPath.ts); the web session cookie of the same
// key takes Hono's middleware chain. Each case goes both ways and must answer and record alike.
describe('GET /verify: the fast path answers as the middleware chain does', () => {
  let ctx: ApiTestContext;
  let consumerKey: string;
  let producerKey: string;
  const sessions = new Map<string, string>();

  const signIn = async (token: string) => {
    const res = await ctx.app.request('/web/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'vrs.local', origin: 'http://vrs.local' },
      body: new URLSearchParams({ token }).toString(),
    });
    return /vrs_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  };

  beforeAll(async () => {
    ctx = await createApiTestContext('verify-fast-path');
    ({ producerKey, consumerKey } = await seedVerifyNetwork(ctx.database.db, OTHER_GTIN));
    for (const key of [consumerKey, producerKey]) sessions.set(key, await signIn(key));
    ctx.setNow(new Date('2026-06-01T12:00:00Z'));
  });
  afterAll(() => ctx.close());

  const cases: [string, VerifyParams, { key?: 'consumer' | 'producer' | 'wrong'; headers?: Record<string, string> }][] =
    [
      ['verified', {}, {}],
      ['an older GS1US-Version echoed', {}, { headers: { 'GS1US-Version': '1.2' } }],
      ['an unknown serial', { ser: 'NOSUCHSERIAL9' }, {}],
      ['a lot that does not match', { lot: 'OTHERLOT' }, {}],
      ['bad parameters', { exp: '281301', reqGLN: null }, {}],
      ['a percent-encoded lot', { lot: 'A%20B' }, {}],
      ['an encoded percent sign (left to Hono)', { ser: '40%2506' }, {}],
      ['an unknown GTIN', { gtin: UNKNOWN_GTIN }, {}],
      ['a reqGLN not the caller company', { reqGLN: PRODUCER_GLN }, {}],
      ['a producer verifying its own pack', { reqGLN: PRODUCER_GLN }, { key: 'producer' }],
      ['a producer verifying another producer', { gtin: OTHER_GTIN, reqGLN: PRODUCER_GLN }, { key: 'producer' }],
      ['an unknown key', {}, { key: 'wrong' }],
    ];

  const metrics = async () => (await ctx.call('GET', '/metrics', { token: ADMIN_TOKEN })).text();

  test.each(cases)('%s', async (name, params, { key = 'consumer', headers = {} }) => {
    const requestId = (way: string) => `${way}-${name.replace(/\W+/g, '-')}`;
    const token = { consumer: consumerKey, producer: producerKey, wrong: 'vrs_000000000000_wrong' }[key];
    const credentials: Record<'fast' | 'chain', Record<string, string>> = {
      fast: { authorization: `Bearer ${token}` },
      // An unknown key has no session: no credential at all is the chain's 401.
      chain: key === 'wrong' ? {} : { cookie: `vrs_session=${sessions.get(token)}` },
    };
    const answers = [];
    for (const way of ['fast', 'chain'] as const) {
      const before = await metrics();
      const res = await ctx.app.request(verifyPath(params), {
        headers: { ...headers, ...credentials[way], 'x-request-id': requestId(way) },
      });
      const after = await metrics();
      answers.push({
        status: res.status,
        body: (await res.text()).replaceAll(way, 'WAY'),
        headers: Object.fromEntries(HEADERS.map((h) => [h, res.headers.get(h)?.replace(way, 'WAY')])),
        counted: answered(after, res.status) - answered(before, res.status),
      });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.counted).toBe(1);

    await ctx.history.flush();
    const rows = await ctx.database.db
      .selectFrom('verification_history')
      .selectAll()
      .where('request_id', 'in', [requestId('fast'), requestId('chain')])
      .orderBy('request_id', 'desc')
      .execute();
    const recorded = rows.map(({ id: _id, latency_ms: _latency, request_id: _request, ...row }) => row);
    expect(recorded.length === 0 || recorded.length === 2).toBe(true);
    expect(recorded[0]).toEqual(recorded[1]);
  });
});
