import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCa, issueClientCertificate } from '../domain/certificates/index.js';
import { unwrap } from './helpers/testPki.js';
import { ADMIN_TOKEN } from './helpers/api.js';
import { companyWithGln, seedProduct } from './helpers/seedNetwork.js';
import { createTwoInstallations, type TwoInstallations } from './helpers/twoInstallations.js';

const DAY = 86_400_000;
const GTIN = '00361414567894';

interface Report {
  ok: boolean;
  steps: { step: string; ok: boolean | null; ms: number; detail: string; warnings: string[] }[];
}

describe('partner onboarding test (POST /v1/admin/partners/{id}/test)', () => {
  let pair: TwoInstallations;
  let stranger: Server;
  let strangerPartnerId: string;
  const run = async (partnerId: string, body?: unknown): Promise<Report> => {
    const res = await pair.a.ctx.call('POST', `/v1/admin/partners/${partnerId}/test`, { token: ADMIN_TOKEN, body });
    expect(res.status).toBe(200);
    return (await res.json()) as Report;
  };

  beforeAll(async () => {
    pair = await createTwoInstallations('partner-onboarding');
    // B answers for one GTIN of its own producer.
    const producer = await companyWithGln(pair.b.ctx.database.db, '0312345000011', ['producer']);
    await seedProduct(pair.b.ctx.database.db, producer, GTIN, [
      { gtin: GTIN, serial: 'SER1', lot: 'LOT1', expiry: '281231', expiryDate: '2028-12-31', status: 'commissioned' },
    ]);

    // A partner whose server trusts some other CA: it refuses the certificate A issues for it.
    const now = Date.now();
    const theirCa = unwrap(
      await createCa({
        commonName: 'Stranger CA',
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + 365 * DAY),
      }),
    );
    const otherCa = unwrap(
      await createCa({
        commonName: 'Some Other CA',
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + 365 * DAY),
      }),
    );
    const server = unwrap(
      await issueClientCertificate({
        ca: theirCa,
        identity: { host: 'stranger.test', organization: 'Stranger', gln: '0614141000005' },
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + 20 * DAY),
        usage: 'serverAuth',
      }),
    );
    stranger = createServer(
      {
        key: server.privateKeyPem,
        cert: server.certificatePem,
        ca: otherCa.certificatePem,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (_req, res) => res.end('{}'),
    );
    await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
    const port = (stranger.address() as AddressInfo).port;
    const created = await pair.a.ctx.call('POST', '/v1/admin/partners', {
      token: ADMIN_TOKEN,
      body: {
        name: 'Stranger VRS',
        gln: '0614141000005',
        baseUrl: `https://stranger.test:${port}`,
        caPem: theirCa.certificatePem,
        pullDirectory: false,
      },
    });
    strangerPartnerId = ((await created.json()) as { id: string }).id;
    expect(
      (
        await pair.a.ctx.call('POST', `/v1/admin/partners/${strangerPartnerId}/certificates`, {
          token: ADMIN_TOKEN,
          body: { mode: 'issue' },
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await new Promise((resolve) => stranger.close(resolve));
    await pair.close();
  });

  test('a working peer passes every step, each timed, with both certificates named', async () => {
    const report = await run(pair.a.partnerId, { gtin: GTIN, serial: 'SER1', lot: 'LOT1', exp: '281231' });
    expect(report.steps.map((s) => [s.step, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', true],
      ['checkConnectivity', true],
      ['verify', true],
    ]);
    expect(report.ok).toBe(true);
    const [dns, , tls, connectivity, verify] = report.steps;
    expect(dns!.detail).toBe('vrs-b.test is 127.0.0.1');
    expect(tls!.detail).toMatch(/our client certificate \(valid until .+\); their server certificate is valid until /);
    expect(connectivity!.detail).toBe(`reachable; it answers for GTIN ${GTIN} as responder 0312345000011`);
    expect(verify!.detail).toBe(`answered a verification of GTIN ${GTIN} (verified: true)`);
    for (const step of report.steps) expect(step.ms).toBeGreaterThanOrEqual(0);
  });

  test('a peer that refuses our certificate fails at TLS in plain words; later steps do not run', async () => {
    const report = await run(strangerPartnerId);
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => [s.step, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', false],
      ['checkConnectivity', null],
      ['verify', null],
    ]);
    expect(report.steps[2]!.detail).toBe(
      'the partner refused our client certificate: it was issued by a CA they have not configured',
    );
  });

  test('nothing listening, and no such partner', async () => {
    const closed = await pair.a.ctx.call('POST', '/v1/admin/partners', {
      token: ADMIN_TOKEN,
      body: {
        name: 'Gone VRS',
        gln: '0860000000024',
        baseUrl: 'https://gone.test:1',
        caPem: pair.b.caPem,
        pullDirectory: false,
      },
    });
    const report = await run(((await closed.json()) as { id: string }).id);
    expect(report.steps[1]).toMatchObject({
      step: 'tcp',
      ok: false,
      detail: 'nothing accepts connections at gone.test:1 (connection refused)',
    });
    expect(
      (
        await pair.a.ctx.call('POST', '/v1/admin/partners/00000000-0000-4000-8000-000000000000/test', {
          token: ADMIN_TOKEN,
        })
      ).status,
    ).toBe(404);
  });
});
