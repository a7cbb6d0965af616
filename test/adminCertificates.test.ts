import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCa, issueClientCertificate, signCsr, type CertificateWithKey } from '../domain/certificates/index.js';
import { unwrap } from '../domain/certificates/testPki.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';

const DAY = 86_400_000;
interface CertJson {
  id: string;
  status: string;
  fingerprintSha256: string;
  predecessorId: string | null;
  workflowId?: string | null;
  csrPem?: string;
}

describe('operator certificate endpoints', () => {
  let ctx: ApiTestContext;
  let logs = '';
  let partnerCa: CertificateWithKey;
  let partnerId: string;
  const now = new Date();
  const admin = (method: string, path: string, body?: unknown) => ctx.call(method, path, { token: ADMIN_TOKEN, body });
  const certificates = async () => (await (await admin('GET', `/v1/admin/partners/${partnerId}/certificates`)).json()) as CertJson[];

  beforeAll(async () => {
    const sink = new PassThrough();
    sink.on('data', (d: Buffer) => (logs += d.toString()));
    ctx = await createApiTestContext('certs-api', { LOG_LEVEL: 'trace' }, sink);
    partnerCa = unwrap(await createCa({ commonName: 'Partner CA', notBefore: new Date(now.getTime() - DAY), notAfter: new Date(now.getTime() + 3650 * DAY) }));
    const res = await admin('POST', '/v1/admin/partners', { name: 'Partner VRS', gln: '0614141000005', baseUrl: 'https://vrs.partner.example', caPem: partnerCa.certificatePem });
    expect(res.status).toBe(201);
    partnerId = ((await res.json()) as { id: string }).id;
  });
  afterAll(() => ctx.close());

  test('issue: our CA signs a dedicated client certificate and its rotation workflow starts; rotateNow renews it', async () => {
    await ctx.withWorkers(async () => {
      const res = await admin('POST', `/v1/admin/partners/${partnerId}/certificates`, { mode: 'issue' });
      expect(res.status).toBe(201);
      const issued = (await res.json()) as CertJson;
      expect(issued).toMatchObject({ status: 'active', workflowId: `certificateRotation:${partnerId}` });
      expect(issued.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

      expect((await admin('POST', `/v1/admin/partners/${partnerId}/certificates/rotate`)).status).toBe(202);
      let successor: CertJson | undefined;
      for (let i = 0; i < 100 && !successor; i++) {
        successor = (await certificates()).find((c) => c.predecessorId === issued.id && c.status === 'active');
        if (!successor) await new Promise((r) => setTimeout(r, 100));
      }
      expect(successor).toBeDefined();
      expect((await certificates()).find((c) => c.id === issued.id)?.status).toBe('retiring');
      await ctx.temporal.client.workflow.getHandle(issued.workflowId!).terminate('test done');
    });
  });

  test('upload: a certificate + key from the partner CA is validated and stored; a mismatched key is a 422 naming the problem', async () => {
    const good = unwrap(await issueClientCertificate({ ca: partnerCa, identity: { host: 'vrs.test.example', organization: 'Our VRS', gln: '0860000000000' }, notBefore: now, notAfter: new Date(now.getTime() + 30 * DAY) }));
    const other = unwrap(await issueClientCertificate({ ca: partnerCa, identity: { host: 'vrs.test.example', organization: 'Our VRS', gln: '0860000000000' }, notBefore: now, notAfter: new Date(now.getTime() + 30 * DAY) }));
    const ok = await admin('POST', `/v1/admin/partners/${partnerId}/certificates`, { mode: 'upload', certificatePem: good.certificatePem, privateKeyPem: good.privateKeyPem, caPem: partnerCa.certificatePem });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as CertJson).workflowId).toBeNull();
    const bad = await admin('POST', `/v1/admin/partners/${partnerId}/certificates`, { mode: 'upload', certificatePem: good.certificatePem, privateKeyPem: other.privateKeyPem, caPem: partnerCa.certificatePem });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe('key_mismatch');
  });

  test('CSR: we keep the key, the partner signs, the answer activates it', async () => {
    const res = await admin('POST', `/v1/admin/partners/${partnerId}/certificates`, { mode: 'csr' });
    const pending = (await res.json()) as CertJson;
    expect(pending.status).toBe('pending');
    const signed = unwrap(await signCsr({ issuer: partnerCa, csrPem: pending.csrPem!, notBefore: now, notAfter: new Date(now.getTime() + 30 * DAY) }));
    const done = await admin('PUT', `/v1/admin/partners/${partnerId}/certificates/${pending.id}`, { certificatePem: signed, caPem: partnerCa.certificatePem });
    expect(done.status).toBe(200);
    expect(((await done.json()) as CertJson).status).toBe('active');
  });

  test('peer certificates: one signed by the partner CA is registered, another CA is refused', async () => {
    const theirs = unwrap(await issueClientCertificate({ ca: partnerCa, identity: { host: 'vrs.partner.example', organization: 'Partner', gln: '0614141000005' }, notBefore: now, notAfter: new Date(now.getTime() + 30 * DAY) }));
    expect((await admin('POST', `/v1/admin/partners/${partnerId}/peer-certificates`, { certificatePem: theirs.certificatePem })).status).toBe(201);
    const strangerCa = unwrap(await createCa({ commonName: 'Stranger', notBefore: now, notAfter: new Date(now.getTime() + 365 * DAY) }));
    const stranger = unwrap(await issueClientCertificate({ ca: strangerCa, identity: { host: 'evil.example', organization: 'Evil', gln: '0614141000005' }, notBefore: now, notAfter: new Date(now.getTime() + 30 * DAY) }));
    expect((await admin('POST', `/v1/admin/partners/${partnerId}/peer-certificates`, { certificatePem: stranger.certificatePem })).status).toBe(422);
  });

  test('no private key, sealed or clear, ever appears in API output or logs', async () => {
    const listed = JSON.stringify(await certificates());
    const sealed = await ctx.database.db.selectFrom('certificates').select('encrypted_key').where('encrypted_key', 'is not', null).execute();
    expect(sealed.length).toBeGreaterThan(2);
    for (const text of [listed, logs]) {
      expect(text).not.toContain('PRIVATE KEY');
      for (const { encrypted_key } of sealed) expect(text).not.toContain(encrypted_key!.split(':')[3]!.slice(0, 24));
    }
  });
});
