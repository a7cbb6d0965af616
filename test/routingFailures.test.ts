import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import {
  answerJson,
  hang,
  registerFakePartner,
  startFakePeer,
  type FakeBehaviour,
  type FakePeer,
} from './helpers/fakePeer.js';
import { loopbackLookup } from './helpers/loopbackLookup.js';
import { apiKeyFor, companyWithGln } from './helpers/seedNetwork.js';
import { CONSUMER_GLN, CORR, verifyPath } from './helpers/verifyRequest.js';

const COOL_DOWN_MS = 1_500;

/** A standard answer for whatever the request asked, as a well-behaved peer gives it. */
const validAnswer =
  (responderGLN: string, data: unknown = { verified: true }): FakeBehaviour =>
  (req, res) => {
    const corrUUID = new URL(req.url ?? '/', 'https://x').searchParams.get('corrUUID');
    answerJson(200, { verificationTimestamp: new Date().toISOString(), responderGLN, corrUUID, data })(req, res);
  };

describe('routing to misbehaving partner VRS (real HTTPS peers on loopback)', () => {
  let ctx: ApiTestContext;
  let apiKey: string;
  const fakes: FakePeer[] = [];

  beforeAll(async () => {
    ctx = await createApiTestContext(
      'routing-failures',
      { PEER_TIMEOUT_MS: '400', PEER_CIRCUIT_FAILURES: '3', PEER_CIRCUIT_COOLDOWN_MS: String(COOL_DOWN_MS) },
      undefined,
      { peers: { lookup: loopbackLookup } },
    );
    apiKey = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']));
  });
  afterAll(async () => {
    for (const fake of fakes) await fake.close();
    await ctx.close();
  });

  /** A fake partner answering for `gtin`, registered with its own GLN (so each test has its own circuit). */
  const partner = async (
    host: string,
    gln: string,
    gtin: string,
    behaviour: FakeBehaviour,
    settings: { extraHeaders?: Record<string, string> } = {},
  ) => {
    const fake = await startFakePeer(host, behaviour);
    fakes.push(fake);
    return { fake, partnerId: await registerFakePartner(ctx, fake, gln, gtin, settings) };
  };
  const verify = (gtin: string, headers: Record<string, string> = {}, extra = '') =>
    ctx.call('GET', verifyPath({ gtin, extra }), { token: apiKey, headers });
  const historyOf = async (gtin: string) => {
    await ctx.history.flush();
    return ctx.database.db
      .selectFrom('verification_history')
      .selectAll()
      .where('gtin', '=', gtin)
      .orderBy('id')
      .execute();
  };

  test('the same GS1 request goes out with the extra headers; a lenient answer is passed on in our spelling and recorded', async () => {
    const gtin = '00361414561007';
    const gln = '0614141000012';
    const lenient = answerJson(200, {
      verificationTimestamp: '2026-03-02T14:07:31.482917-05:00',
      responderGLN: gln,
      data: { verified: false, verificationFailureReason: 'Product_quarantined' },
    });
    const { fake, partnerId } = await partner('lenient.test', gln, gtin, lenient, {
      extraHeaders: { 'X-Api-Key': 'k-123' },
    });
    const res = await verify(gtin, { 'GS1US-Version': '1.2.0' }, '&ctrlPossessAtt=true&email=desk@consumer.example');
    expect(res.status).toBe(200);
    expect(res.headers.get('gs1us-version')).toBe('1.2.0');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(await res.json()).toEqual({
      verificationTimestamp: '2026-03-02T19:07:31.482Z',
      responderGLN: gln,
      corrUUID: CORR,
      data: { verified: false, verificationFailureReason: 'No_reason_provided' },
    });

    expect(fake.seen).toHaveLength(1);
    const seen = new URL(fake.seen[0]!.url, fake.url);
    expect(seen.pathname).toBe(`/verify/gtin/${gtin}/lot/1908642E/ser/400806`);
    expect(Object.fromEntries(seen.searchParams)).toEqual({
      exp: '281231',
      linkType: 'verificationService',
      context: 'dscsaSaleableReturn',
      reqGLN: CONSUMER_GLN,
      corrUUID: CORR,
      ctrlPossessAtt: 'true',
      email: 'desk@consumer.example',
    });
    expect(fake.seen[0]!.headers).toMatchObject({
      'x-api-key': 'k-123',
      'gs1us-version': '1.2.0',
      accept: 'application/json',
    });

    const [row] = await historyOf(gtin);
    expect(row).toMatchObject({
      channel: 'api',
      in_network: false,
      partner_id: partnerId,
      http_status: 200,
      peer_status: 200,
      verified: false,
      failure_reason: 'No_reason_provided',
      peer_failure_reason: 'Product_quarantined',
      responder_gln: gln,
      producer_company_id: null,
      ctrl_possess_att: true,
    });
    expect(row!.peer_latency_ms).toBeGreaterThan(0);
  });

  test('a peer that hangs gets 504 naming the partner, without a retry', async () => {
    const gtin = '00361414562004';
    const { fake, partnerId } = await partner('hangs.test', '0614141000029', gtin, hang);
    const res = await verify(gtin);
    expect(res.status).toBe(504);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 504, partner: { id: partnerId, name: 'Fake hangs.test' } });
    expect(fake.seen).toHaveLength(1);
    expect(await historyOf(gtin)).toMatchObject([
      { http_status: 504, in_network: false, partner_id: partnerId, peer_status: null, verified: null },
    ]);
    // A scan station's call: the problem also says what was read, for the amber "retry" answer.
    const pack = { gtin, serial: 'SCAN1', lot: 'L1', exp: '281231' };
    const scanned = await ctx.call('POST', '/v1/verifications', { token: apiKey, body: pack });
    expect(scanned.status).toBe(504);
    expect(await scanned.json()).toMatchObject({ status: 504, partner: { id: partnerId }, pack });
  });

  test('garbage, a 5xx or an answer over 64 KiB is a 502 naming the partner', async () => {
    const gtin = '00361414563001';
    const { fake, partnerId } = await partner(
      'garbage.test',
      '0614141000036',
      gtin,
      answerJson(200, '<html>oops</html>'),
    );
    const expect502 = async () => {
      const res = await verify(gtin);
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ status: 502, partner: { id: partnerId } });
    };
    await expect502();
    fake.behaviour = answerJson(503, { error: 'down' });
    await expect502();
    // A good answer between keeps the circuit (3 failures here) closed.
    fake.behaviour = validAnswer('0614141000036');
    expect((await verify(gtin)).status).toBe(200);
    // Chunked, so the cap is met while the body streams.
    fake.behaviour = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"pad":"${'x'.repeat(40_000)}`);
      res.end(`${'x'.repeat(40_000)}"}`);
    };
    await expect502();
    // Announced by Content-Length.
    fake.behaviour = answerJson(200, { pad: 'y'.repeat(70_000) });
    await expect502();
    expect((await historyOf(gtin)).map((r) => [r.http_status, r.peer_status])).toEqual([
      [502, 200],
      [502, 503],
      [200, 200],
      [502, null],
      [502, null],
    ]);
  });

  test('a connection closed before any answer is retried once', async () => {
    const gtin = '00361414564008';
    const { fake } = await partner('flaky.test', '0614141000043', gtin, (req) => {
      fake.behaviour = validAnswer('0614141000043');
      req.socket.destroy();
    });
    const res = await verify(gtin);
    expect(res.status).toBe(200);
    expect(fake.seen).toHaveLength(2);
  });

  test('after N failures the circuit opens and answers 503 with Retry-After without calling; after the cool-down one trial closes it', async () => {
    const gtin = '00361414565005';
    const gln = '0614141000050';
    const { fake, partnerId } = await partner('failing.test', gln, gtin, answerJson(500, {}));
    for (let i = 0; i < 3; i++) expect((await verify(gtin)).status).toBe(502);
    const open = await verify(gtin);
    expect(open.status).toBe(503);
    expect(Number(open.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await open.json()).toMatchObject({ status: 503, partner: { id: partnerId } });
    expect(fake.seen).toHaveLength(3);

    fake.behaviour = validAnswer(gln);
    await sleep(COOL_DOWN_MS + 100);
    expect((await verify(gtin)).status).toBe(200);
    expect((await verify(gtin)).status).toBe(200);
    expect(fake.seen).toHaveLength(5);
  });

  test('a record that ended, or a GTIN with no record, is a 404 and nothing is sent', async () => {
    const gtin = '00361414566002';
    const { fake, partnerId } = await partner('ended.test', '0614141000067', gtin, validAnswer('0614141000067'));
    await ctx.database.db
      .updateTable('directory_entries')
      .set({ valid_to: new Date(Date.now() - 1000) })
      .where('source', '=', partnerId)
      .execute();
    ctx.deps.partnerRoutes.clear();
    expect((await verify(gtin)).status).toBe(404);
    expect((await verify('00361414567009')).status).toBe(404);
    expect(fake.seen).toHaveLength(0);
  });

  test('a partner with no client certificate of ours is a 502 that says so', async () => {
    const gtin = '00361414568006';
    const { fake, partnerId } = await partner('nocert.test', '0614141000074', gtin, validAnswer('0614141000074'));
    await ctx.database.db
      .updateTable('certificates')
      .set({ status: 'retired' })
      .where('partner_id', '=', partnerId)
      .execute();
    ctx.deps.peers.invalidate();
    const res = await verify(gtin);
    expect(res.status).toBe(502);
    expect(((await res.json()) as { detail: string }).detail).toContain('no active client certificate');
    expect(fake.seen).toHaveLength(0);
    const listed = await ctx.call('GET', `/v1/admin/partners/${partnerId}/certificates`, { token: ADMIN_TOKEN });
    expect(listed.status).toBe(200);
  });
});
