import { randomUUID } from 'node:crypto';
import { partnersChanged } from '../api/routing/partnersChanged.js';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { decodeJwt } from '../domain/atp/presentation.js';
import { startBenchAtp } from '../scripts/lib/testWallet/benchAtp.js';
import { HOLDER_FAULTS, type HolderFault } from '../scripts/lib/testWallet/holders.js';
import { startTestWallet, type TestWallet } from '../scripts/lib/testWallet/testWallet.js';
import { ADMIN_TOKEN, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { addPartnerRecord, createTwoInstallations, type TwoInstallations } from './helpers/twoInstallations.js';
import { CONSUMER_GLN, defaultPack, GTIN, PRODUCER_GLN, verifyPath } from './helpers/verifyRequest.js';

const CONSUMER_DID = 'did:web:consumer.vrs-a.test';
const PRODUCER_DID = 'did:web:producer.vrs-b.test';
const B_CONSUMER_DID = 'did:web:consumer.vrs-b.test';
const LATER_REVOKED_DID = 'did:web:later-revoked.holders.test';
const OTHER_GLN_DID = 'did:web:other-gln.holders.test';
const faultyDid = (fault: HolderFault) => `did:web:${fault.replaceAll('_', '-')}.holders.test`;
const FAULTS = Object.keys(HOLDER_FAULTS) as HolderFault[];
const WALLET_KEY = 'b-wallet-key';
const HEADER = 'x-atp-presentation';

interface ProblemBody {
  detail: string;
  atpErrorCodes: string[];
  errors: { path: string }[];
}
const problemOf = async (res: Response) => (await res.json()) as ProblemBody;

describe('ATP credentials through wallets: two vrs installations and the bundled test wallet', () => {
  let pair: TwoInstallations;
  let wallet: TestWallet;
  let consumerKeyA: string;
  let consumerKeyB: string;
  let producerKeyB: string;
  let producerId: string;
  let consumerIdA: string;
  let consumerIdB: string;

  const put = (ctx: ApiTestContext, companyId: string, body: unknown) =>
    ctx.call('PUT', `/v1/admin/companies/${companyId}/atp`, { token: ADMIN_TOKEN, body });
  const producerWallet = (incoming: 'off' | 'warn' | 'require') =>
    put(pair.b.ctx, producerId, {
      baseUrl: wallet.url,
      auth: { kind: 'api-key', apiKey: WALLET_KEY },
      did: PRODUCER_DID,
      policy: { incoming, outgoing: 'off' },
    });
  const consumerWallet = (outgoing: 'off' | 'warn' | 'require', did = CONSUMER_DID) =>
    put(pair.a.ctx, consumerIdA, {
      baseUrl: wallet.url,
      auth: {
        kind: 'oauth2-client-credentials',
        tokenUrl: wallet.tokenUrl,
        clientId: 'vrs-a',
        clientSecret: 'a-secret',
      },
      did,
      policy: { outgoing, incoming: 'off' },
    });
  /** A presentation straight from the wallet, as the requestor's own wallet would make it. */
  const presentation = async (holderDid: string, corrUUID: string) => {
    const res = await fetch(`${wallet.url}/api/v1/verifiablePresentation/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': WALLET_KEY },
      body: JSON.stringify({ corrUUID, holderDID: holderDid, credentialType: 'DSCSAATPCredential' }),
    });
    return ((await res.json()) as { verifiablePresentation: string }).verifiablePresentation;
  };
  /** A consumer of installation B asks B directly (the consumer API), with a presentation or none. */
  const verifyOnB = (corrUUID: string, vp?: string) =>
    pair.b.ctx.call('GET', verifyPath({ corrUUID }), {
      token: consumerKeyB,
      headers: vp === undefined ? {} : { 'X-ATP-Presentation': vp },
    });
  const historyOf = async (side: 'a' | 'b', corrUUID: string) => {
    await pair[side].ctx.history.flush();
    return pair[side].ctx.database.db
      .selectFrom('verification_history')
      .selectAll()
      .where('corr_uuid', '=', corrUUID)
      .executeTakeFirstOrThrow();
  };
  const exchangesOf = (side: 'a' | 'b', corrUUID: string) =>
    pair[side].ctx.database.db
      .selectFrom('atp_exchanges')
      .select(['direction', 'operation', 'result', 'error_codes', 'partner_id', 'holder_did', 'verifier_did'])
      .where('corr_uuid', '=', corrUUID)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    wallet = await startTestWallet({
      holders: [
        { did: CONSUMER_DID, legalName: 'Consumer A', organizationType: 'Dispenser', gln: CONSUMER_GLN },
        { did: PRODUCER_DID, legalName: 'Producer B', organizationType: 'Manufacturer', gln: PRODUCER_GLN },
        { did: B_CONSUMER_DID, legalName: 'Consumer B', organizationType: 'Wholesaler' },
        { did: LATER_REVOKED_DID, legalName: 'Revoked later' },
        { did: OTHER_GLN_DID, legalName: 'Another company', gln: '0860000000017' },
        ...FAULTS.map((fault) => ({ did: faultyDid(fault), legalName: fault, fault })),
      ],
      clients: [{ clientId: 'vrs-a', clientSecret: 'a-secret' }],
      apiKeys: [WALLET_KEY],
    });
    pair = await createTwoInstallations('atp', { env: { PEER_TIMEOUT_MS: '3000' } });
    const { a, b } = pair;
    const producer = await companyWithGln(b.ctx.database.db, PRODUCER_GLN, ['producer']);
    producerId = producer.id;
    producerKeyB = await apiKeyFor(b.ctx.database.db, producer);
    await seedProduct(b.ctx.database.db, producer, GTIN, [defaultPack()]);
    const consumerB = await companyWithGln(b.ctx.database.db, CONSUMER_GLN, ['consumer']);
    consumerIdB = consumerB.id;
    consumerKeyB = await apiKeyFor(b.ctx.database.db, consumerB);
    const consumerA = await companyWithGln(a.ctx.database.db, CONSUMER_GLN, ['consumer']);
    consumerIdA = consumerA.id;
    consumerKeyA = await apiKeyFor(a.ctx.database.db, consumerA);
    await addPartnerRecord(a, b, GTIN, PRODUCER_GLN);
  });
  afterAll(async () => {
    await pair?.close();
    await wallet?.close();
  });
  beforeEach(async () => {
    wallet.setMode('up');
    expect((await producerWallet('require')).status).toBe(200);
    expect((await consumerWallet('require')).status).toBe(200);
  });

  test('the admin API seals the secret, never returns it, keeps it when left out and validates fields', async () => {
    const res = await pair.a.ctx.call('GET', `/v1/admin/companies/${consumerIdA}/atp`, { token: ADMIN_TOKEN });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      auth: { kind: 'oauth2-client-credentials', clientId: 'vrs-a', tokenUrl: wallet.tokenUrl },
      did: CONSUMER_DID,
      paths: { generate: '/api/v1/verifiablePresentation/generate', verify: '/api/v1/verifiablePresentation/verify' },
      holderDidField: 'holderDID',
      policy: { outgoing: 'require', incoming: 'off' },
    });
    expect(JSON.stringify(body)).not.toContain('a-secret');
    const row = await pair.a.ctx.database.db
      .selectFrom('atp_wallets')
      .select('sealed_secret')
      .where('company_id', '=', consumerIdA)
      .executeTakeFirstOrThrow();
    expect(row.sealed_secret).toMatch(/^v1:/);
    expect(row.sealed_secret).not.toContain('a-secret');

    const switched = await put(pair.a.ctx, consumerIdA, {
      baseUrl: wallet.url,
      auth: { kind: 'api-key' },
      did: CONSUMER_DID,
    });
    expect(switched.status).toBe(400);
    expect((await problemOf(switched)).errors).toEqual([expect.objectContaining({ path: 'auth.apiKey' })]);
    const bad = await put(pair.a.ctx, consumerIdA, {
      baseUrl: 'http://wallet.example.com',
      auth: { kind: 'api-key', apiKey: 'k' },
      did: 'not-a-did',
    });
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).errors.map((e) => e.path).sort()).toEqual(['baseUrl', 'did']);
    const kept = await put(pair.a.ctx, consumerIdA, {
      baseUrl: wallet.url,
      auth: { kind: 'oauth2-client-credentials', tokenUrl: wallet.tokenUrl, clientId: 'vrs-a' },
      did: CONSUMER_DID,
      policy: { outgoing: 'require' },
    });
    expect(kept.status).toBe(200);

    const other = await companyWithGln(pair.a.ctx.database.db, '0860000000017', ['consumer']);
    expect((await pair.a.ctx.call('GET', `/v1/admin/companies/${other.id}/atp`, { token: ADMIN_TOKEN })).status).toBe(
      404,
    );
    await put(pair.a.ctx, other.id, { baseUrl: wallet.url, auth: { kind: 'api-key', apiKey: 'k' }, did: 'did:web:x' });
    expect(
      (await pair.a.ctx.call('DELETE', `/v1/admin/companies/${other.id}/atp`, { token: ADMIN_TOKEN })).status,
    ).toBe(204);
    expect(
      (await pair.a.ctx.call('DELETE', `/v1/admin/companies/${other.id}/atp`, { token: ADMIN_TOKEN })).status,
    ).toBe(404);
  });

  test('routed round trip: presentations both ways, each checked by the other side, recorded on both', async () => {
    const corrUUID = randomUUID();
    const before = { ...wallet.stats };
    const res = await pair.a.ctx.call('GET', verifyPath({ corrUUID }), { token: consumerKeyA });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ responderGLN: PRODUCER_GLN, data: { verified: true } });
    expect(wallet.stats.generate - before.generate).toBe(2);
    expect(wallet.stats.verify - before.verify).toBe(2);
    expect(await historyOf('a', corrUUID)).toMatchObject({ atp: 'ok', atp_error_codes: [], in_network: false });
    expect(await historyOf('b', corrUUID)).toMatchObject({ atp: 'ok', channel: 'peer' });
    expect(await exchangesOf('a', corrUUID)).toEqual([
      expect.objectContaining({ direction: 'outgoing', operation: 'generate', result: 'ok', holder_did: CONSUMER_DID }),
      expect.objectContaining({
        direction: 'outgoing',
        operation: 'verify',
        result: 'ok',
        holder_did: PRODUCER_DID,
        verifier_did: CONSUMER_DID,
        partner_id: pair.a.partnerId,
      }),
    ]);
    expect(await exchangesOf('b', corrUUID)).toEqual([
      expect.objectContaining({ direction: 'incoming', operation: 'verify', result: 'ok', holder_did: CONSUMER_DID }),
      expect.objectContaining({
        direction: 'incoming',
        operation: 'generate',
        result: 'ok',
        partner_id: pair.b.partnerId,
      }),
    ]);
  });

  test("the audit trail: each exchange in the company's GET /v1/history/atp, JSON and CSV", async () => {
    const corrUUID = randomUUID();
    expect((await pair.a.ctx.call('GET', verifyPath({ corrUUID }), { token: consumerKeyA })).status).toBe(200);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const trail = `/v1/history/atp?from=${from}&to=${to}`;
    const res = await pair.b.ctx.call('GET', trail, { token: producerKeyB });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      truncated: boolean;
      exchanges: { corrUUID: string; direction: string; latencyMs: number }[];
    };
    expect(body.truncated).toBe(false);
    const ours = body.exchanges.filter((e) => e.corrUUID === corrUUID);
    expect(ours).toEqual([
      expect.objectContaining({
        direction: 'incoming',
        operation: 'verify',
        result: 'ok',
        holderDID: CONSUMER_DID,
        verifierDID: PRODUCER_DID,
        partnerId: pair.b.partnerId,
        errorCodes: [],
      }),
      expect.objectContaining({ direction: 'incoming', operation: 'generate', result: 'ok', holderDID: PRODUCER_DID }),
    ]);
    expect(ours.every((e) => typeof e.latencyMs === 'number')).toBe(true);
    // The consumer's side sees its own exchanges only, never the producer's.
    const consumers = await pair.a.ctx.call('GET', trail, { token: consumerKeyA });
    const mine = ((await consumers.json()) as typeof body).exchanges.filter((e) => e.corrUUID === corrUUID);
    expect(mine.map((e) => e.direction)).toEqual(['outgoing', 'outgoing']);
    const csv = await pair.b.ctx.call('GET', `${trail}&format=csv`, { token: producerKeyB });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'at,corrUUID,direction,operation,partnerId,holderDID,verifierDID,result,errorCodes,latencyMs',
    );
    expect(lines.filter((l) => l.includes(corrUUID))).toHaveLength(2);
    const tooLong = await pair.b.ctx.call('GET', '/v1/history/atp?from=2026-01-01&to=2026-02-01', {
      token: producerKeyB,
    });
    expect(tooLong.status).toBe(400);
    expect((await problemOf(tooLong)).errors).toEqual([expect.objectContaining({ path: 'to' })]);
  });

  test("a local consumer with a wallet presents through it: a require-producer's pack is answered", async () => {
    const consumerWalletB = await put(pair.b.ctx, consumerIdB, {
      baseUrl: wallet.url,
      auth: { kind: 'api-key', apiKey: WALLET_KEY },
      did: B_CONSUMER_DID,
      policy: { outgoing: 'warn', incoming: 'off' },
    });
    expect(consumerWalletB.status).toBe(200);
    try {
      const corrUUID = randomUUID();
      const res = await verifyOnB(corrUUID);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ data: { verified: true } });
      expect(res.headers.get(HEADER)).toBeTruthy();
      expect(await historyOf('b', corrUUID)).toMatchObject({ atp: 'ok', atp_error_codes: [], channel: 'api' });
      const exchanges = await exchangesOf('b', corrUUID);
      expect(exchanges).toHaveLength(3);
      expect(exchanges).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ direction: 'outgoing', operation: 'generate', holder_did: B_CONSUMER_DID }),
          expect.objectContaining({
            direction: 'incoming',
            operation: 'verify',
            result: 'ok',
            holder_did: B_CONSUMER_DID,
            verifier_did: PRODUCER_DID,
            partner_id: null,
          }),
        ]),
      );
    } finally {
      await pair.b.ctx.call('DELETE', `/v1/admin/companies/${consumerIdB}/atp`, { token: ADMIN_TOKEN });
    }
  });

  test('OAuth tokens are cached: one token for many verifications', async () => {
    // A fresh setting gets a fresh token once; every later call reuses it.
    await consumerWallet('require');
    const before = wallet.stats.tokens;
    for (let i = 0; i < 3; i++)
      expect(
        (await pair.a.ctx.call('GET', verifyPath({ corrUUID: randomUUID() }), { token: consumerKeyA })).status,
      ).toBe(200);
    expect(wallet.stats.tokens - before).toBe(1);
  });

  test('the answer carries the responder presentation for the same corrUUID', async () => {
    const corrUUID = randomUUID();
    const res = await verifyOnB(corrUUID, await presentation(B_CONSUMER_DID, corrUUID));
    expect(res.status).toBe(200);
    const attached = res.headers.get(HEADER);
    expect(attached).toBeTruthy();
    const decoded = decodeJwt(attached!);
    expect(decoded.ok && decoded.value.claims).toMatchObject({ iss: PRODUCER_DID, nonce: corrUUID });
  });

  describe('require: each error code is refused with 403 naming it', () => {
    const refused = async (res: Response, code: string) => {
      expect(res.status).toBe(403);
      const problem = await problemOf(res);
      expect(problem.atpErrorCodes).toEqual([code]);
      expect(problem.detail).toContain(code);
    };

    test('pre-checks refuse a missing, malformed, replayed or stale presentation, or one of another GLN, without calling the wallet', async () => {
      const verifies = wallet.stats.verify;
      await refused(await verifyOnB(randomUUID()), 'vp_missing');
      await refused(await verifyOnB(randomUUID(), 'not.a-jwt'), 'jwt_invalid');
      const replayed = await presentation(B_CONSUMER_DID, randomUUID());
      await refused(await verifyOnB(randomUUID(), replayed), 'vp_nonce_invalid');
      const otherGln = randomUUID();
      await refused(await verifyOnB(otherGln, await presentation(OTHER_GLN_DID, otherGln)), 'vc_invalid');
      for (const fault of ['stale', 'iat_in_future'] as const) {
        const corrUUID = randomUUID();
        await refused(await verifyOnB(corrUUID, await presentation(faultyDid(fault), corrUUID)), HOLDER_FAULTS[fault]);
      }
      expect(wallet.stats.verify).toBe(verifies);
      const corrUUID = randomUUID();
      await verifyOnB(corrUUID, 'not.a-jwt');
      expect(await historyOf('b', corrUUID)).toMatchObject({
        http_status: 403,
        atp: 'failed',
        atp_error_codes: ['jwt_invalid'],
      });
    });

    test.each(FAULTS.filter((f) => f !== 'stale' && f !== 'iat_in_future'))(
      'the wallet refuses a holder with fault %s',
      async (fault) => {
        const corrUUID = randomUUID();
        await refused(await verifyOnB(corrUUID, await presentation(faultyDid(fault), corrUUID)), HOLDER_FAULTS[fault]);
      },
    );

    test("through a partner: A passes B's refusal on as 502 naming the code", async () => {
      await consumerWallet('require', faultyDid('revoked'));
      const res = await pair.a.ctx.call('GET', verifyPath({ corrUUID: randomUUID() }), { token: consumerKeyA });
      expect(res.status).toBe(502);
      const problem = await problemOf(res);
      expect(problem.atpErrorCodes).toEqual(['vc_revoked']);
      expect(problem.detail).toContain('vc_revoked');
    });

    test('a credential revoked after issuance is vc_revoked', async () => {
      const corrUUID = randomUUID();
      wallet.revoke(LATER_REVOKED_DID);
      await refused(await verifyOnB(corrUUID, await presentation(LATER_REVOKED_DID, corrUUID)), 'vc_revoked');
    });

    test('the test wallet itself flags what the pre-checks catch', async () => {
      const verify = async (vp: string) => {
        const res = await fetch(`${wallet.url}/api/v1/verifiablePresentations/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': WALLET_KEY },
          body: JSON.stringify({ verifiablePresentation: vp, verifierDID: PRODUCER_DID }),
        });
        return ((await res.json()) as { errorCodes: string[] }).errorCodes;
      };
      expect(await verify('x.y.z')).toEqual(['jwt_invalid']);
      expect(await verify(await presentation(faultyDid('stale'), randomUUID()))).toEqual(['vp_iat_expired']);
      expect(await verify(await presentation(faultyDid('iat_in_future'), randomUUID()))).toEqual(['vp_iat_invalid']);
    });
  });

  describe('warn answers and records; a wallet that is down or slow', () => {
    const failedOnB = async (corrUUID: string) => {
      const from = new Date(Date.now() - 3_600_000).toISOString();
      const to = new Date(Date.now() + 60_000).toISOString();
      await pair.b.ctx.history.flush();
      const res = await pair.b.ctx.call('GET', `/v1/history?from=${from}&to=${to}&atp=failed`, { token: producerKeyB });
      expect(res.status).toBe(200);
      return ((await res.json()) as { corrUUID: string; atp: string; atpErrorCodes: string[] }[]).find(
        (r) => r.corrUUID === corrUUID,
      );
    };

    test("warn: an invalid presentation is answered and shows in the producer's ?atp=failed history", async () => {
      await producerWallet('warn');
      const corrUUID = randomUUID();
      const res = await verifyOnB(corrUUID, await presentation(faultyDid('credential_expired'), corrUUID));
      expect(res.status).toBe(200);
      expect(res.headers.get(HEADER)).toBeTruthy();
      expect(await failedOnB(corrUUID)).toMatchObject({ atp: 'failed', atpErrorCodes: ['vc_exp_expired'] });
    });

    test.each(['down', 'slow'] as const)('wallet %s: warn answers and records, require is 503', async (mode) => {
      const vp = async (corrUUID: string) => presentation(B_CONSUMER_DID, corrUUID);
      const warned = randomUUID();
      const warnedVp = await vp(warned);
      const required = randomUUID();
      const requiredVp = await vp(required);
      await producerWallet('warn');
      wallet.setMode(mode);
      const answered = await verifyOnB(warned, warnedVp);
      expect(answered.status).toBe(200);
      expect(answered.headers.get(HEADER)).toBeNull();
      expect(await failedOnB(warned)).toMatchObject({ atpErrorCodes: ['wallet_unavailable'] });
      wallet.setMode('up');
      await producerWallet('require');
      wallet.setMode(mode);
      const refused = await verifyOnB(required, requiredVp);
      expect(refused.status).toBe(503);
      expect((await problemOf(refused)).atpErrorCodes).toEqual(['wallet_unavailable']);
    });

    test("require on the requestor's side: no presentation on the partner's answer is 502; our wallet down is 503", async () => {
      await producerWallet('off');
      const bare = await pair.a.ctx.call('GET', verifyPath({ corrUUID: randomUUID() }), { token: consumerKeyA });
      expect(bare.status).toBe(502);
      expect(await bare.json()).toMatchObject({ atpErrorCodes: ['vp_missing'], partner: { id: pair.a.partnerId } });
      await consumerWallet('warn');
      const warned = randomUUID();
      expect((await pair.a.ctx.call('GET', verifyPath({ corrUUID: warned }), { token: consumerKeyA })).status).toBe(
        200,
      );
      expect(await historyOf('a', warned)).toMatchObject({ atp: 'failed', atp_error_codes: ['vp_missing'] });
      await consumerWallet('require');
      wallet.setMode('down');
      const down = await pair.a.ctx.call('GET', verifyPath({ corrUUID: randomUUID() }), { token: consumerKeyA });
      expect(down.status).toBe(503);
      expect((await problemOf(down)).atpErrorCodes).toEqual(['wallet_unavailable']);
    });
  });

  test('BENCH_ATP: the routed benchmark helper sets up wallets a routed verification uses', async () => {
    const side = (ctx: ApiTestContext, companyId: string) => ({
      db: ctx.database.db,
      master: ctx.deps.installation.master,
      companyId,
    });
    const bench = await startBenchAtp(side(pair.a.ctx, consumerIdA), side(pair.b.ctx, producerId));
    try {
      pair.a.ctx.deps.atp.wallets.invalidate(consumerIdA);
      pair.b.ctx.deps.atp.wallets.invalidate(producerId);
      const corrUUID = randomUUID();
      expect((await pair.a.ctx.call('GET', verifyPath({ corrUUID }), { token: consumerKeyA })).status).toBe(200);
      expect(await historyOf('a', corrUUID)).toMatchObject({ atp: 'ok' });
      expect(await historyOf('b', corrUUID)).toMatchObject({ atp: 'ok' });
    } finally {
      await bench.close();
    }
  });

  test("a partner's own ATP header name is used both ways", async () => {
    for (const side of [pair.a, pair.b]) {
      const res = await side.ctx.call('PATCH', `/v1/admin/partners/${side.partnerId}`, {
        token: ADMIN_TOKEN,
        body: { atpHeader: 'X-Partner-ATP' },
      });
      expect(await res.json()).toMatchObject({ atpHeader: 'X-Partner-ATP' });
    }
    // The listener learns a partner's settings when it reloads (a change notification does it too).
    await Promise.all([pair.a.listener.reload(), pair.b.listener.reload()]);
    partnersChanged(pair.a.ctx.deps);
    const corrUUID = randomUUID();
    expect((await pair.a.ctx.call('GET', verifyPath({ corrUUID }), { token: consumerKeyA })).status).toBe(200);
    expect(await historyOf('a', corrUUID)).toMatchObject({ atp: 'ok' });
    expect(await historyOf('b', corrUUID)).toMatchObject({ atp: 'ok' });
  });
});
