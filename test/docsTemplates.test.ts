import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testCa } from './helpers/testPki.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';

const template = (name: string) => readFileSync(new URL(`../docs/templates/${name}`, import.meta.url), 'utf8');

interface Report {
  accepted: number;
  rejectedCount: number;
  rejected: unknown[];
}

/** docs/templates are what a new producer copies: each must upload through the real API with no rejected row. */
describe('docs/templates upload cleanly', () => {
  let ctx: ApiTestContext;
  let producer: string;
  let partnerId: string;
  const post = (path: string, token: string, contentType: string, body: string) =>
    ctx.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });

  beforeAll(async () => {
    ctx = await createApiTestContext('docs-templates');
    // The quick start's operator steps, through the API as docs/quick-start.md shows them.
    const created = await ctx.call('POST', '/v1/admin/companies', {
      token: ADMIN_TOKEN,
      body: { name: 'Acme Pharma', gln: '0614141000012', roles: ['producer'], companyPrefixes: ['0305910'] },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const key = await ctx.call('POST', `/v1/admin/companies/${id}/api-keys`, { token: ADMIN_TOKEN });
    producer = ((await key.json()) as { apiKey: string }).apiKey;
    const ca = await testCa('Spreadsheet Partner CA');
    const partner = await ctx.call('POST', '/v1/admin/partners', {
      token: ADMIN_TOKEN,
      body: {
        name: 'Partner VRS',
        gln: '0860000000017',
        baseUrl: 'https://vrs.partner.example',
        caPem: ca.certificatePem,
        pullDirectory: false,
      },
    });
    expect(partner.status).toBe(201);
    partnerId = ((await partner.json()) as { id: string }).id;
  });
  afterAll(() => ctx.close());

  test.each([
    ['products.csv', '/v1/master-data', 'text/csv', 3],
    ['products.json', '/v1/master-data', 'application/json', 2],
    ['products-gdsn.xml', '/v1/master-data', 'application/xml', 2],
    ['serials.csv', '/v1/serials', 'text/csv', 5],
    ['serials.json', '/v1/serials', 'application/json', 2],
    ['serials-epcis.xml', '/v1/serials', 'application/xml', 3],
  ])('%s to %s', async (name, path, contentType, accepted) => {
    const res = await post(path, producer, contentType, template(name));
    const report = (await res.json()) as Report;
    expect(report.rejected).toEqual([]);
    expect(res.status).toBe(200);
    expect(report).toMatchObject({ accepted, rejectedCount: 0 });
  });

  test.each([
    ['directory.csv', 'text/csv'],
    ['directory.json', 'application/json'],
  ])('%s to the partner directory upload', async (name, contentType) => {
    const res = await post(`/v1/admin/partners/${partnerId}/directory`, ADMIN_TOKEN, contentType, template(name));
    expect(await res.json()).toMatchObject({ accepted: 2 });
    expect(res.status).toBe(200);
  });

  test("the quick start's producer steps make the templates' packs verifiable by a consumer", async () => {
    const consumerCompany = await ctx.call('POST', '/v1/admin/companies', {
      token: ADMIN_TOKEN,
      body: { name: 'Returns Wholesale', gln: '0321012345676', roles: ['consumer'] },
    });
    const { id } = (await consumerCompany.json()) as { id: string };
    const consumer = (
      (await (await ctx.call('POST', `/v1/admin/companies/${id}/api-keys`, { token: ADMIN_TOKEN })).json()) as {
        apiKey: string;
      }
    ).apiKey;
    await ctx.withWorkers(async () => {
      const start = async (path: string, body?: unknown) => {
        const res = await ctx.call('POST', path, { token: producer, body });
        expect(res.status).toBe(202);
        await ctx.temporal.client.workflow
          .getHandle(((await res.json()) as { workflowId: string }).workflowId)
          .result();
      };
      await start('/v1/syncs/master-data');
      expect(
        (await ctx.call('PUT', '/v1/rules/serials', { token: producer, body: { enabled: true, include: [] } })).status,
      ).toBe(200);
      await start('/v1/syncs/serial-backfill', {});
    });
    const verify = async (ser: string, lot = 'LOT42', exp = '280131') => {
      const path = `/verify/gtin/00305910369019/lot/${lot}/ser/${ser}?exp=${exp}&linkType=verificationService&context=dscsaSaleableReturn&reqGLN=0321012345676&corrUUID=21EC2020-3AEA-4069-A2DD-08002B30309D`;
      const res = await ctx.call('GET', path, { token: consumer });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: unknown }).data;
    };
    expect(await verify('SN0001')).toEqual({ verified: true });
    expect(await verify('SN0003')).toEqual({
      verified: false,
      verificationFailureReason: 'Manufacturer_policy',
      additionalInfo: ['Recalled'],
    });
    expect(await verify('SN0004')).toMatchObject({
      verified: false,
      verificationFailureReason: 'Not_for_re-distribution',
    });
    expect(await verify('EP0001', 'LOT44', '280630')).toEqual({ verified: true });
    const scan = await ctx.call('POST', '/v1/verifications', {
      token: consumer,
      body: { barcode: ']d201003059103690191728013110LOT42<GS>21SN0001', gsSubstitute: '<GS>' },
    });
    expect(((await scan.json()) as { data: unknown }).data).toEqual({ verified: true });
  });
});

describe('README and docs/ links stay inside the repository', () => {
  const root = new URL('../', import.meta.url);
  const docs = new URL('docs/', root);
  const files = [
    new URL('README.md', root),
    ...readdirSync(docs)
      .filter((f) => f.endsWith('.md'))
      .map((f) => new URL(f, docs)),
  ];
  test.each(files.map((file) => [file.pathname.slice(root.pathname.length), file] as const))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(targets.filter((t) => /^[a-z]+:/i.test(t))).toEqual([]);
    const resolved = targets
      .map((t) => t.split('#')[0]!)
      .filter((t) => t !== '')
      .map((t) => new URL(t, file));
    expect(resolved.filter((url) => !url.pathname.startsWith(root.pathname)).map(String)).toEqual([]);
    expect(resolved.filter((url) => !existsSync(url)).map(String)).toEqual([]);
  });
});
