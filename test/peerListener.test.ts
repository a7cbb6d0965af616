import { randomBytes } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { peerAuth, type PeerEnv } from '../api/peer/peerAuth.js';
import { PeerTrust } from '../api/peer/peerTrust.js';
import { startPeerListener, type PeerListener } from '../api/peer/listener.js';
import { loadPeerTlsMaterial } from '../api/peer/tlsMaterial.js';
import { onError } from '../api/middleware/errors.js';
import { listenForCertificateChanges } from '../db/certificateEvents.js';
import { ensureInstallation, type Installation } from '../db/installation.js';
import { findCertificate, insertCertificate, setCertificateStatus } from '../db/repositories/certificates.js';
import { insertPartner } from '../db/repositories/partners.js';
import { ensureServerCertificate } from '../db/serverCertificate.js';
import {
  createCa,
  decryptAtRestText,
  encryptAtRest,
  fingerprintSha256,
  issueClientCertificate,
  type CertificateWithKey,
} from '../domain/certificates/index.js';
import { unwrap } from './helpers/testPki.js';
import { x509 } from '../domain/certificates/x509.js';
import { createLogger } from '../logger.js';
import { PeerClient } from '../peers/peerClient.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import { httpsGet } from './helpers/https.js';
import { loopbackLookup } from './helpers/loopbackLookup.js';

const DAY = 86_400_000;

describe('peer mTLS listener', () => {
  let ctx: TestDatabase;
  let installation: Installation;
  let listener: PeerListener;
  let stopListening: () => Promise<void>;
  // Each change notification starts a reload; `noticedAt` is when the newest arrived and `reloadedFrom`
  // the arrival that the newest finished reload answered. A write has been read once a reload begun
  // at or after the last notification finished and no other notification came for a moment (one
  // write may notify more than once, and the notifications can arrive after the write returns).
  let noticedAt = 0;
  let reloadedFrom = 0;
  let partnerCa: CertificateWithKey;
  let partnerId: string;
  const now = new Date();

  const partnerCert = async () =>
    unwrap(
      await issueClientCertificate({
        ca: partnerCa,
        identity: { host: 'vrs.partner.test', organization: 'Partner VRS', gln: '0614141000005' },
        notBefore: new Date(now.getTime() - DAY),
        notAfter: new Date(now.getTime() + 90 * DAY),
      }),
    );
  const register = async (cert: CertificateWithKey) =>
    insertCertificate(ctx.db, {
      partnerId,
      purpose: 'partner-client',
      status: 'active',
      certificatePem: cert.certificatePem,
      fingerprint: await fingerprintSha256(new x509.X509Certificate(cert.certificatePem).rawData),
    });
  const ourCaPem = async () => (await findCertificate(ctx.db, installation.caCertificateId))!.certificatePem!;
  const call = async (client?: CertificateWithKey, headers?: Record<string, string>) =>
    httpsGet(
      `${listener.url}/whoami`,
      {
        ca: await ourCaPem(),
        servername: 'vrs.ours.test',
        ...(client && { cert: client.certificatePem, key: client.privateKeyPem }),
      },
      headers,
    );
  const reloadedSince = async (changedAt: number) => {
    const settled = () => noticedAt > changedAt && reloadedFrom >= noticedAt && performance.now() - noticedAt > 200;
    for (let i = 0; i < 1000 && !settled(); i++) await new Promise((r) => setTimeout(r, 20));
  };
  // A new partner certificate, registered and read by the listener.
  const registeredCert = async () => {
    const cert = await partnerCert();
    const changedAt = performance.now();
    await register(cert);
    await reloadedSince(changedAt);
    return cert;
  };

  beforeAll(async () => {
    ctx = await createTestDatabase();
    installation = await ensureInstallation(ctx.db, {
      masterKey: randomBytes(32).toString('base64'),
      vrsName: 'vrs-test',
    });
    await ensureServerCertificate(ctx.db, installation, {
      host: 'vrs.ours.test',
      organization: 'Our VRS',
      gln: '0312345000011',
    });
    partnerCa = unwrap(
      await createCa({
        commonName: 'Partner CA',
        notBefore: new Date(now.getTime() - 2 * DAY),
        notAfter: new Date(now.getTime() + 3650 * DAY),
      }),
    );
    partnerId = (
      await insertPartner(ctx.db, {
        name: 'Partner VRS',
        gln: '0614141000005',
        baseUrl: 'https://vrs.partner.test',
        directoryUrl: null,
        caPem: partnerCa.certificatePem,
      })
    ).id;

    const trust = new PeerTrust(() => loadPeerTlsMaterial(ctx.db, installation.master));
    const log = createLogger('silent');
    const app = new Hono<PeerEnv>();
    app.onError(onError(log));
    app.use(peerAuth(trust));
    app.get('/whoami', (c) => c.json(c.get('principal')));
    app.get('/fingerprint', (c) => c.text((c.env.incoming.socket as TLSSocket).getPeerCertificate().fingerprint256));
    listener = await startPeerListener({ fetch: app.fetch, trust, port: 0, host: '127.0.0.1', log });
    const onChange = () => {
      const at = (noticedAt = performance.now());
      listener.reload().then(
        () => (reloadedFrom = Math.max(reloadedFrom, at)),
        () => {},
      );
    };
    stopListening = await listenForCertificateChanges(ctx.url, onChange, () => {});
  });
  afterAll(async () => {
    await stopListening();
    await listener.close();
    await ctx.drop();
  });

  test('a registered partner certificate is accepted and identifies the partner', async () => {
    const res = await call(await registeredCert());
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ kind: 'peer', partnerId, partnerGln: '0614141000005', atpHeader: null });
  });

  test('keeps an idle peer connection 65 s: longer than our pool keeps it, so no handshake after a pause', async () => {
    const res = await call(await registeredCert(), { connection: 'keep-alive' });
    expect(res.status).toBe(200);
    expect(res.headers['keep-alive']).toBe('timeout=65');
  });

  test('no client certificate is refused during the TLS handshake', async () => {
    await expect(call()).rejects.toThrow();
  });

  test('a certificate from a CA of no partner is refused at the TLS layer', async () => {
    const strangerCa = unwrap(
      await createCa({
        commonName: 'Stranger CA',
        notBefore: new Date(now.getTime() - DAY),
        notAfter: new Date(now.getTime() + 365 * DAY),
      }),
    );
    const stranger = unwrap(
      await issueClientCertificate({
        ca: strangerCa,
        identity: { host: 'evil.test', organization: 'Evil', gln: '0614141000005' },
        notBefore: new Date(now.getTime() - DAY),
        notAfter: new Date(now.getTime() + 30 * DAY),
      }),
    );
    await expect(call(stranger)).rejects.toThrow();
  });

  test('a partner CA certificate that is not registered gets 403', async () => {
    const res = await call(await partnerCert());
    expect(res.status).toBe(403);
  });

  test('rotation takes effect without a restart: new certificate accepted, retired one refused', async () => {
    const next = await partnerCert();
    let changedAt = performance.now();
    const stored = await register(next);
    await reloadedSince(changedAt);
    expect((await call(next)).status).toBe(200);
    changedAt = performance.now();
    await setCertificateStatus(ctx.db, stored.id, 'retired');
    await reloadedSince(changedAt);
    expect((await call(next)).status).toBe(403);
  });

  test('a renewed server certificate is presented to new connections after reload', async () => {
    const first = await call(await partnerCert());
    // The current server certificate is near its end: the next ensure renews it.
    await ctx.db
      .updateTable('certificates')
      .set({ not_after: new Date(Date.now() + DAY) })
      .where('purpose', '=', 'server')
      .execute();
    const changedAt = performance.now();
    await ensureServerCertificate(ctx.db, installation, {
      host: 'vrs.ours.test',
      organization: 'Our VRS',
      gln: '0312345000011',
    });
    await reloadedSince(changedAt);
    const second = await call(await partnerCert());
    expect(second.serverFingerprint).toBeDefined();
    expect(second.serverFingerprint).not.toBe(first.serverFingerprint);
  });

  test('the router presents the active client certificate for a partner and follows its rotation', async () => {
    // Loop back: we are our own partner, so our CA signs both sides.
    const caPem = await ourCaPem();
    const self = await insertPartner(ctx.db, {
      name: 'Ourselves',
      gln: '0098765000014',
      baseUrl: listener.url,
      directoryUrl: null,
      caPem,
    });
    const ca = (await findCertificate(ctx.db, installation.caCertificateId))!;
    const caKey = unwrap(await decryptAtRestText(installation.master, ca.encryptedKey!));
    const issueFor = async () => {
      const cert = unwrap(
        await issueClientCertificate({
          ca: { certificatePem: caPem, privateKeyPem: caKey },
          identity: { host: 'vrs.ours.test', organization: 'Our VRS', gln: '0312345000011' },
          notBefore: new Date(),
          notAfter: new Date(now.getTime() + 90 * DAY),
        }),
      );
      const fingerprint = await fingerprintSha256(new x509.X509Certificate(cert.certificatePem).rawData);
      const client = await insertCertificate(ctx.db, {
        partnerId: self.id,
        purpose: 'client',
        status: 'active',
        certificatePem: cert.certificatePem,
        encryptedKey: await encryptAtRest(installation.master, cert.privateKeyPem),
        fingerprint,
      });
      await insertCertificate(ctx.db, {
        partnerId: self.id,
        purpose: 'partner-client',
        status: 'active',
        certificatePem: cert.certificatePem,
        fingerprint,
      });
      return { client, fingerprint };
    };
    const peers = new PeerClient(ctx.db, installation.master, { lookup: loopbackLookup });
    const presented = async () => {
      const res = await peers.get(self.id, `${listener.url.replace('127.0.0.1', 'vrs.ours.test')}/fingerprint`);
      expect(res.status).toBe(200);
      return res.body;
    };
    let changedAt = performance.now();
    const first = await issueFor();
    await reloadedSince(changedAt);
    expect(await presented()).toBe(first.fingerprint);
    const second = await issueFor();
    changedAt = performance.now();
    await setCertificateStatus(ctx.db, first.client.id, 'retired');
    await reloadedSince(changedAt);
    peers.invalidate();
    expect(await presented()).toBe(second.fingerprint);
    await peers.close();
  });
});
