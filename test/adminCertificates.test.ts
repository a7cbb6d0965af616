import { createPrivateKey } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createCa,
  issueClientCertificate,
  signCsr,
  type CertificateWithKey,
  type ClientIdentity,
  type KeyAlgorithm,
} from '../domain/certificates/index.js';
import { partnerTestCa, unwrap } from './helpers/testPki.js';
import { computeCheckDigit } from '../domain/gs1/gtin.js';
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
  const certificates = async (id = partnerId) =>
    (await (await admin('GET', `/v1/admin/partners/${id}/certificates`)).json()) as CertJson[];
  let partners = 0;
  /** Another partner, with a GLN of its own (partners' GLNs are unique). */
  const newPartner = async (name: string) => {
    const stem = `06141410${String(++partners).padStart(4, '0')}`;
    const res = await admin('POST', '/v1/admin/partners', {
      name,
      gln: `${stem}${computeCheckDigit(stem)}`,
      baseUrl: `https://${name}.partner.example`,
      caPem: partnerCa.certificatePem,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  /** A client certificate valid for 30 days from now, by default ours from the partner's CA. */
  const partnerLeaf = async (
    options: { ca?: CertificateWithKey; identity?: ClientIdentity; algorithm?: KeyAlgorithm } = {},
  ) =>
    unwrap(
      await issueClientCertificate({
        ca: options.ca ?? partnerCa,
        identity: options.identity ?? { host: 'vrs.test.example', organization: 'Our VRS', gln: '0860000000000' },
        notBefore: now,
        notAfter: new Date(now.getTime() + 30 * DAY),
        ...(options.algorithm && { algorithm: options.algorithm }),
      }),
    );
  /** Uploads a fresh certificate of ours from the partner's CA for partner `id`; the status. */
  const uploadLeaf = async (id: string) => {
    const pems = await partnerLeaf();
    const res = await admin('POST', `/v1/admin/partners/${id}/certificates`, {
      mode: 'upload',
      certificatePem: pems.certificatePem,
      privateKeyPem: pems.privateKeyPem,
      caPem: partnerCa.certificatePem,
    });
    return res.status;
  };
  /** The successor of `id` once it is active (the rotation runs on the workers). */
  const activeSuccessor = async (id: string, of: string) => {
    for (let i = 0; i < 100; i++) {
      const successor = (await certificates(of)).find((c) => c.predecessorId === id && c.status === 'active');
      if (successor) return successor;
      await new Promise((r) => setTimeout(r, 100));
    }
    return undefined;
  };

  beforeAll(async () => {
    const sink = new PassThrough();
    sink.on('data', (d: Buffer) => (logs += d.toString()));
    ctx = await createApiTestContext('certs-api', { LOG_LEVEL: 'trace' }, sink);
    partnerCa = await partnerTestCa(now);
    const res = await admin('POST', '/v1/admin/partners', {
      name: 'Partner VRS',
      gln: '0614141000005',
      baseUrl: 'https://vrs.partner.example',
      caPem: partnerCa.certificatePem,
    });
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
    const good = await partnerLeaf();
    const other = await partnerLeaf();
    const ok = await admin('POST', `/v1/admin/partners/${partnerId}/certificates`, {
      mode: 'upload',
      certificatePem: good.certificatePem,
      privateKeyPem: good.privateKeyPem,
      caPem: partnerCa.certificatePem,
    });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as CertJson).workflowId).toBeNull();
    const bad = await admin('POST', `/v1/admin/partners/${partnerId}/certificates`, {
      mode: 'upload',
      certificatePem: good.certificatePem,
      privateKeyPem: other.privateKeyPem,
      caPem: partnerCa.certificatePem,
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { code: string; path: string }[] }).errors[0]).toMatchObject({
      code: 'key_mismatch',
      path: 'privateKeyPem',
    });
  });

  test('upload: SEC1 and PKCS#1 keys (what openssl ecparam -genkey and openssl genrsa -traditional write) are accepted', async () => {
    const ec = await partnerLeaf();
    const rsa = await partnerLeaf({ algorithm: 'rsa-2048' });
    const ecParameters = '-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n';
    for (const [leaf, privateKeyPem] of [
      [ec, ecParameters + createPrivateKey(ec.privateKeyPem).export({ type: 'sec1', format: 'pem' }).toString()],
      [rsa, createPrivateKey(rsa.privateKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString()],
    ] as const) {
      const res = await admin('POST', `/v1/admin/partners/${partnerId}/certificates`, {
        mode: 'upload',
        certificatePem: leaf.certificatePem,
        privateKeyPem,
        caPem: partnerCa.certificatePem,
      });
      expect(res.status).toBe(201);
    }
  });

  test('rotate: an uploaded certificate is a 409 that says why, as is a partner with no certificate', async () => {
    const id = await newPartner('uploaded');
    const none = await admin('POST', `/v1/admin/partners/${id}/certificates/rotate`);
    expect(none.status).toBe(409);
    expect(((await none.json()) as { detail: string }).detail).toMatch(/no active client certificate/);

    expect(await uploadLeaf(id)).toBe(201);
    const res = await admin('POST', `/v1/admin/partners/${id}/certificates/rotate`);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/not issued by this VRS's CA .*cannot renew it/);
  });

  test("upload: the partner's rotation chain stops, so the replaced certificate of ours is not renewed later", async () => {
    const id = await newPartner('replaced');
    const issued = (await (
      await admin('POST', `/v1/admin/partners/${id}/certificates`, { mode: 'issue' })
    ).json()) as CertJson;
    const chain = ctx.temporal.client.workflow.getHandle(issued.workflowId!);
    expect((await chain.describe()).status.name).toBe('RUNNING');
    expect(await uploadLeaf(id)).toBe(201);
    expect((await chain.describe()).status.name).toBe('TERMINATED');
    expect(await uploadLeaf(id)).toBe(201);
  });

  test('rotate: an issued certificate whose rotation workflow is gone gets a new one, which rotates it', async () => {
    const id = await newPartner('restarted');
    await ctx.withWorkers(async () => {
      const issued = (await (
        await admin('POST', `/v1/admin/partners/${id}/certificates`, { mode: 'issue' })
      ).json()) as CertJson;
      await ctx.temporal.client.workflow.getHandle(issued.workflowId!).terminate('operator stopped it');
      const res = await admin('POST', `/v1/admin/partners/${id}/certificates/rotate`);
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ workflowId: issued.workflowId });
      expect(await activeSuccessor(issued.id, id)).toBeDefined();
      await ctx.temporal.client.workflow.getHandle(issued.workflowId!).terminate('test done');
    });
  });

  test('CSR: we keep the key, the partner signs, the answer activates it', async () => {
    const res = await admin('POST', `/v1/admin/partners/${partnerId}/certificates`, { mode: 'csr' });
    const pending = (await res.json()) as CertJson;
    expect(pending.status).toBe('pending');
    const signed = unwrap(
      await signCsr({
        issuer: partnerCa,
        csrPem: pending.csrPem!,
        notBefore: now,
        notAfter: new Date(now.getTime() + 30 * DAY),
      }),
    );
    const done = await admin('PUT', `/v1/admin/partners/${partnerId}/certificates/${pending.id}`, {
      certificatePem: signed,
      caPem: partnerCa.certificatePem,
    });
    expect(done.status).toBe(200);
    expect(((await done.json()) as CertJson).status).toBe('active');
  });

  test('peer certificates: one signed by the partner CA is registered, another CA is refused', async () => {
    const theirs = await partnerLeaf({
      identity: { host: 'vrs.partner.example', organization: 'Partner', gln: '0614141000005' },
    });
    expect(
      (
        await admin('POST', `/v1/admin/partners/${partnerId}/peer-certificates`, {
          certificatePem: theirs.certificatePem,
        })
      ).status,
    ).toBe(201);
    const strangerCa = unwrap(
      await createCa({ commonName: 'Stranger', notBefore: now, notAfter: new Date(now.getTime() + 365 * DAY) }),
    );
    const stranger = await partnerLeaf({
      ca: strangerCa,
      identity: { host: 'evil.example', organization: 'Evil', gln: '0614141000005' },
    });
    expect(
      (
        await admin('POST', `/v1/admin/partners/${partnerId}/peer-certificates`, {
          certificatePem: stranger.certificatePem,
        })
      ).status,
    ).toBe(422);
  });

  test('no private key, sealed or clear, ever appears in API output or logs', async () => {
    const listed = JSON.stringify(await certificates());
    const sealed = await ctx.database.db
      .selectFrom('certificates')
      .select('encrypted_key')
      .where('encrypted_key', 'is not', null)
      .execute();
    expect(sealed.length).toBeGreaterThan(2);
    for (const text of [listed, logs]) {
      expect(text).not.toContain('PRIVATE KEY');
      for (const { encrypted_key } of sealed) expect(text).not.toContain(encrypted_key!.split(':')[3]!.slice(0, 24));
    }
  });
});

describe('issuing without our identity configured', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await createApiTestContext('certs-unset', { PUBLIC_URL: '', VRS_GLN: '' });
  });
  afterAll(() => ctx.close());

  test.each(['issue', 'csr'])('mode %s: a 422 that names PUBLIC_URL and says what it is', async (mode) => {
    const ca = unwrap(
      await createCa({
        commonName: 'Partner CA',
        notBefore: new Date(Date.now() - DAY),
        notAfter: new Date(Date.now() + 365 * DAY),
      }),
    );
    const gln = mode === 'issue' ? '0614141000005' : '9520000000004';
    const partner = await ctx.call('POST', '/v1/admin/partners', {
      token: ADMIN_TOKEN,
      body: { name: 'P', gln, baseUrl: 'https://p.example', caPem: ca.certificatePem },
    });
    const { id } = (await partner.json()) as { id: string };
    const res = await ctx.call('POST', `/v1/admin/partners/${id}/certificates`, { token: ADMIN_TOKEN, body: { mode } });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { detail: string; errors: { path: string; message: string }[] };
    expect(problem.errors[0]).toMatchObject({
      path: 'identity',
      message: expect.stringMatching(
        /^PUBLIC_URL is not set: set PUBLIC_URL to the base URL partners reach this VRS at/,
      ),
    });
  });
});
