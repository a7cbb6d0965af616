import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPeerServer } from '../api/peer/startPeerServer.js';
import type { PeerListener } from '../api/peer/listener.js';
import { findCertificate } from '../db/repositories/certificates.js';
import { insertPartner } from '../db/repositories/partners.js';
import { issueClientCertificate, type CertificateWithKey } from '../domain/certificates/index.js';
import { partnerTestCa, unwrap } from './helpers/testPki.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { httpsGet } from './helpers/https.js';
import { companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { defaultPack } from './helpers/verifyRequest.js';

const DAY = 86_400_000;

describe('external VRS peers verify over the mTLS listener', () => {
  let ctx: ApiTestContext;
  let peer: PeerListener;
  let client: CertificateWithKey;
  const path =
    '/verify/gtin/00361414567894/lot/1908642E/ser/400806?exp=281231&linkType=verificationService&context=dscsaSaleableReturn&reqGLN=0614141000005&corrUUID=21EC2020-3AEA-4069-A2DD-08002B30309D';

  beforeAll(async () => {
    ctx = await createApiTestContext('peer-verify', { PEER_PORT: '0', HOST: '127.0.0.1' });
    peer = await startPeerServer(ctx.deps, ctx.database.url);
    const now = new Date();
    const partnerCa = await partnerTestCa(now);
    client = unwrap(
      await issueClientCertificate({
        ca: partnerCa,
        identity: { host: 'vrs.partner.example', organization: 'Partner', gln: '0614141000005' },
        notBefore: now,
        notAfter: new Date(now.getTime() + 30 * DAY),
      }),
    );
    const partner = await insertPartner(ctx.database.db, {
      name: 'Partner',
      gln: '0614141000005',
      baseUrl: 'https://vrs.partner.example',
      directoryUrl: null,
      caPem: partnerCa.certificatePem,
    });
    expect(
      (
        await ctx.call('POST', `/v1/admin/partners/${partner.id}/peer-certificates`, {
          token: ADMIN_TOKEN,
          body: { certificatePem: client.certificatePem },
        })
      ).status,
    ).toBe(201);
    const producer = await companyWithGln(ctx.database.db, '0312345000011', ['producer']);
    await seedProduct(ctx.database.db, producer, '00361414567894', [defaultPack()]);
    await peer.reload();
  });
  afterAll(async () => {
    await peer.close();
    await ctx.close();
  });

  test('a partner certificate gets the GS1 answer, recorded with channel peer', async () => {
    const ca = (
      await ctx.database.db
        .selectFrom('certificates')
        .select('id')
        .where('purpose', '=', 'ca')
        .executeTakeFirstOrThrow()
    ).id;
    const res = await httpsGet(`${peer.url}${path}`, {
      ca: (await findCertificate(ctx.database.db, ca))!.certificatePem!,
      servername: 'vrs.test.example',
      cert: client.certificatePem,
      key: client.privateKeyPem,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      responderGLN: '0312345000011',
      corrUUID: '21EC2020-3AEA-4069-A2DD-08002B30309D',
      data: { verified: true },
    });
    await ctx.deps.history.flush();
    const rows = await ctx.database.db.selectFrom('verification_history').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      channel: 'peer',
      requestor_gln: '0614141000005',
      requestor_company_id: null,
      http_status: 200,
      verified: true,
    });
  });

  test('peers pull our Lookup Directory records changed since a time, page by page', async () => {
    const ca = (
      await ctx.database.db
        .selectFrom('certificates')
        .select('cert_pem')
        .where('purpose', '=', 'ca')
        .executeTakeFirstOrThrow()
    ).cert_pem!;
    const since = new Date(Date.now() - 1000).toISOString();
    const entry = (gtin: string, source: string) => ({
      gtin,
      responder_gln: '0312345000011',
      source,
      vrs_name: 'vrs',
      verification_url: 'https://vrs.test.example/verify',
      connectivity_url: 'https://vrs.test.example/checkConnectivity',
      valid_from: new Date(),
    });
    await ctx.database.db
      .insertInto('directory_entries')
      .values([
        entry('00361414567894', 'local'),
        entry('00305910369019', 'local'),
        entry('00012345600012', 'local'),
        entry('00614141000012', 'partner'),
      ])
      .execute();
    const get = async (query: string) => {
      const res = await httpsGet(`${peer.url}/v1/lookup-directory?${query}`, {
        ca,
        servername: 'vrs.test.example',
        cert: client.certificatePem,
        key: client.privateKeyPem,
      });
      expect(res.status).toBe(200);
      return JSON.parse(res.body) as { records: { gtin: string; responderGLN: string }[]; nextCursor: string | null };
    };
    const first = await get(`since=${since}&limit=2`);
    expect(first.records).toHaveLength(2);
    const second = await get(`since=${since}&limit=2&cursor=${first.nextCursor}`);
    expect([...first.records, ...second.records].map((r) => r.gtin).sort()).toEqual([
      '00012345600012',
      '00305910369019',
      '00361414567894',
    ]);
    expect(second.nextCursor).toBeNull();
  });
});
