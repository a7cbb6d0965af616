import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { partnersChanged } from '../api/routing/partnersChanged.js';
import { PeerClient } from '../peers/peerClient.js';
import { ADMIN_TOKEN } from './helpers/api.js';
import { startConnectProxy, type ConnectProxy } from './helpers/connectProxy.js';
import { loopbackLookup } from './helpers/loopbackLookup.js';
import { apiKeyFor, companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { addPartnerRecord, createTwoInstallations, type TwoInstallations } from './helpers/twoInstallations.js';
import { CONSUMER_GLN, defaultPack, CORR, GTIN, PRODUCER_GLN, verifyPath } from './helpers/verifyRequest.js';

const GS = '\u001d';
const SCAN = `]d201${GTIN}17281231101908642E${GS}21400806`;

describe('a consumer on installation A verifies a pack of a producer on installation B (two vrs, mTLS on loopback)', () => {
  let pair: TwoInstallations;
  let apiKey: string;
  let proxy: ConnectProxy;

  beforeAll(async () => {
    pair = await createTwoInstallations('routing');
    const { a, b } = pair;
    const producer = await companyWithGln(b.ctx.database.db, PRODUCER_GLN, ['producer']);
    await seedProduct(b.ctx.database.db, producer, GTIN, [defaultPack()]);
    await addPartnerRecord(a, b, GTIN, PRODUCER_GLN);
    apiKey = await apiKeyFor(a.ctx.database.db, await companyWithGln(a.ctx.database.db, CONSUMER_GLN, ['consumer']));
    proxy = await startConnectProxy();
  });
  afterAll(async () => {
    await proxy.close();
    await pair.close();
  });

  const history = async (side: 'a' | 'b') => {
    const { ctx } = pair[side];
    await ctx.history.flush();
    return ctx.database.db.selectFrom('verification_history').selectAll().orderBy('id', 'desc').execute();
  };
  const verifyOnA = (ser = '400806') => pair.a.ctx.call('GET', verifyPath({ ser }), { token: apiKey });

  test("GET /verify on A answers with B's answer; both record it, A as routed, B as a peer request", async () => {
    const res = await verifyOnA();
    expect(res.status).toBe(200);
    expect(res.headers.get('gs1us-version')).toBe('1.3.0');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(await res.json()).toMatchObject({ responderGLN: PRODUCER_GLN, corrUUID: CORR, data: { verified: true } });
    const [onA] = await history('a');
    expect(onA).toMatchObject({
      channel: 'api',
      in_network: false,
      partner_id: pair.a.partnerId,
      http_status: 200,
      peer_status: 200,
      verified: true,
      responder_gln: PRODUCER_GLN,
      requestor_gln: CONSUMER_GLN,
    });
    const [onB] = await history('b');
    expect(onB).toMatchObject({
      channel: 'peer',
      in_network: true,
      http_status: 200,
      verified: true,
      requestor_gln: CONSUMER_GLN,
      corr_uuid: CORR,
      partner_id: null,
    });
  });

  test("the consumer's history export on A shows the routed verification with the partner, status and latency", async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const res = await pair.a.ctx.call('GET', `/v1/history?from=${from}&to=${to}`, { token: apiKey });
    expect(res.status).toBe(200);
    const [row] = (await res.json()) as Record<string, unknown>[];
    expect(row).toMatchObject({
      gtin: GTIN,
      inNetwork: false,
      responderGLN: PRODUCER_GLN,
      partnerId: pair.a.partnerId,
      peerStatus: 200,
      peerFailureReason: null,
    });
    expect(row!.peerLatencyMs).toEqual(expect.any(Number));
  });

  test('a raw scan (POST /v1/verifications, as the scan page sends it) is routed the same way', async () => {
    const res = await pair.a.ctx.call('POST', '/v1/verifications', {
      token: apiKey,
      body: { barcode: SCAN },
      headers: { 'X-VRS-Channel': 'web' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      responderGLN: PRODUCER_GLN,
      reqGLN: CONSUMER_GLN,
      data: { verified: true },
    });
    expect((await history('a'))[0]).toMatchObject({ channel: 'web', in_network: false, peer_status: 200 });
  });

  test('a registered device is routed the same way, recorded as channel device', async () => {
    const registered = await pair.a.ctx.call('POST', '/v1/devices', {
      token: apiKey,
      body: { name: 'Dock 3', model: 'Zebra TC52', androidVersion: '13' },
    });
    expect(registered.status).toBe(201);
    const { token } = (await registered.json()) as { token: string };
    const res = await pair.a.ctx.call('POST', '/v1/verifications', {
      token,
      body: { barcode: `(01)${GTIN}(17)281231(10)1908642E(21)400806` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ responderGLN: PRODUCER_GLN, data: { verified: true } });
    expect((await history('a'))[0]).toMatchObject({ channel: 'device', in_network: false, peer_status: 200 });
  });

  test("B's answer for an unknown serial passes through", async () => {
    const res = await verifyOnA('NOSUCH1');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      data: { verified: false, verificationFailureReason: 'No_match_GTIN_Serial' },
    });
  });

  test("GET /checkConnectivity on A answers through B's connectivity check", async () => {
    const res = await pair.a.ctx.call('GET', `/checkConnectivity?gtin=${GTIN}&reqGLN=${CONSUMER_GLN}`, {
      token: apiKey,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ responderGLN: PRODUCER_GLN });
  });

  test("A's /metrics counts its routed calls per partner and outcome, and the answers by outcome", async () => {
    const body = await (await pair.a.ctx.call('GET', '/metrics', { token: ADMIN_TOKEN })).text();
    const count = (pattern: RegExp) =>
      Number(
        body
          .split('\n')
          .find((l) => pattern.test(l))
          ?.split(' ')
          .at(-1) ?? 0,
      );
    expect(count(/^vrs_routed_calls_total\{partner="VRS [^"]+",outcome="ok"\} /)).toBeGreaterThanOrEqual(4);
    expect(count(/^vrs_verify_answers_total\{outcome="verified"\} /)).toBeGreaterThanOrEqual(3);
  });

  test('a GTIN synced here is answered here even when a partner lists it too (local wins)', async () => {
    const { a, b } = pair;
    const both = '00361414561007';
    const local = await companyWithGln(a.ctx.database.db, '0614141000012', ['producer']);
    await seedProduct(a.ctx.database.db, local, both, [defaultPack(both)]);
    await addPartnerRecord(a, b, both, PRODUCER_GLN);
    const res = await pair.a.ctx.call('GET', verifyPath({ gtin: both }), { token: apiKey });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ responderGLN: '0614141000012', data: { verified: true } });
    expect((await history('a'))[0]).toMatchObject({ gtin: both, in_network: true, partner_id: null });
  });

  test('a peer request is never routed on (no loop between two VRS): B answers 404 for a GTIN it would route to A', async () => {
    const { a, b } = pair;
    const other = '00361414569003';
    await addPartnerRecord(b, a, other, PRODUCER_GLN);
    const res = await a.ctx.deps.peers.get(a.partnerId, `${b.peerUrl}${verifyPath({ gtin: other })}`);
    expect(res.status).toBe(404);
    expect((await history('a')).filter((r) => r.gtin === other)).toEqual([]);
  });

  test('a revoked, expired or unknown client certificate is refused by B, and A answers 502 naming B', async () => {
    const { a, b } = pair;
    const registered = () =>
      b.ctx.database.db
        .selectFrom('certificates')
        .select(['id', 'not_after'])
        .where('purpose', '=', 'partner-client')
        .where('partner_id', '=', b.partnerId)
        .executeTakeFirstOrThrow();
    const refused = async () => {
      await b.listener.reload();
      partnersChanged(a.ctx.deps);
      const res = await verifyOnA();
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ status: 502, partner: { id: a.partnerId }, peerStatus: 403 });
    };
    const ours = await registered();
    await b.ctx.database.db.updateTable('certificates').set({ status: 'retired' }).where('id', '=', ours.id).execute();
    await refused();
    await b.ctx.database.db
      .updateTable('certificates')
      .set({ status: 'active', not_after: new Date(Date.now() - 1000) })
      .where('id', '=', ours.id)
      .execute();
    await refused();
    await b.ctx.database.db
      .updateTable('certificates')
      .set({ not_after: ours.not_after })
      .where('id', '=', ours.id)
      .execute();
    // A new client certificate for B that B was not told about.
    expect(
      (
        await a.ctx.call('POST', `/v1/admin/partners/${a.partnerId}/certificates`, {
          token: ADMIN_TOKEN,
          body: { mode: 'issue' },
        })
      ).status,
    ).toBe(201);
    await refused();
    // Registered on B, it works again.
    const next = await a.ctx.database.db
      .selectFrom('certificates')
      .select('cert_pem')
      .where('purpose', '=', 'client')
      .where('partner_id', '=', a.partnerId)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(
      (
        await b.ctx.call('POST', `/v1/admin/partners/${b.partnerId}/peer-certificates`, {
          token: ADMIN_TOKEN,
          body: { certificatePem: next.cert_pem },
        })
      ).status,
    ).toBe(201);
    await b.listener.reload();
    partnersChanged(a.ctx.deps);
    expect((await verifyOnA()).status).toBe(200);
  });

  test("a partner's proxy carries the traffic when configured, and going direct again does not use it", async () => {
    const { a, b } = pair;
    const patch = async (proxyUrl: string | null) => {
      expect(
        (await a.ctx.call('PATCH', `/v1/admin/partners/${a.partnerId}`, { token: ADMIN_TOKEN, body: { proxyUrl } }))
          .status,
      ).toBe(200);
      partnersChanged(a.ctx.deps);
    };
    await patch(proxy.url);
    expect((await verifyOnA()).status).toBe(200);
    expect(proxy.tunnels).toEqual([`${b.host}:${new URL(b.peerUrl).port}`]);
    await patch('direct');
    expect((await verifyOnA()).status).toBe(200);
    expect(proxy.tunnels).toHaveLength(1);
  });

  test('HTTPS_PROXY from the environment is honoured, and NO_PROXY exempts a host', async () => {
    const { a, b } = pair;
    await a.ctx.call('PATCH', `/v1/admin/partners/${a.partnerId}`, { token: ADMIN_TOKEN, body: { proxyUrl: null } });
    const url = `${b.peerUrl}/v1/lookup-directory?since=2020-01-01T00:00:00Z`;
    const before = proxy.tunnels.length;
    const viaEnv = new PeerClient(a.ctx.database.db, a.ctx.deps.installation.master, {
      lookup: loopbackLookup,
      env: { HTTPS_PROXY: proxy.url },
    });
    expect((await viaEnv.get(a.partnerId, url)).status).toBe(200);
    expect(proxy.tunnels).toHaveLength(before + 1);
    await viaEnv.close();
    const exempt = new PeerClient(a.ctx.database.db, a.ctx.deps.installation.master, {
      lookup: loopbackLookup,
      env: { HTTPS_PROXY: proxy.url, NO_PROXY: b.host },
    });
    expect((await exempt.get(a.partnerId, url)).status).toBe(200);
    expect(proxy.tunnels).toHaveLength(before + 1);
    await exempt.close();
  });
});
