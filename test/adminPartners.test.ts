import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findPartner } from '../db/repositories/partners.js';
import { createCa } from '../domain/certificates/index.js';
import { unwrap } from './helpers/testPki.js';
import { openExtraHeaders } from '../peers/extraHeaders.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';

const DAY = 86_400_000;

describe('partner admin API: connection settings', () => {
  let ctx: ApiTestContext;
  let caPem: string;
  const now = new Date();

  beforeAll(async () => {
    ctx = await createApiTestContext('admin-partners');
    caPem = unwrap(
      await createCa({
        commonName: 'Partner CA',
        notBefore: new Date(now.getTime() - DAY),
        notAfter: new Date(now.getTime() + 365 * DAY),
      }),
    ).certificatePem;
  });
  afterAll(() => ctx.close());

  const create = (body: Record<string, unknown>) =>
    ctx.call('POST', '/v1/admin/partners', { token: ADMIN_TOKEN, body: { name: 'Partner', caPem, ...body } });
  const fields = async (res: Response) =>
    ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);

  test('a partner URL that is not https is refused with a 400 naming the field, and nothing is stored', async () => {
    const res = await create({ gln: '0614141000005', baseUrl: 'http://vrs.partner.example' });
    expect(res.status).toBe(400);
    expect(await fields(res)).toEqual(['baseUrl']);
    expect(await ctx.database.db.selectFrom('partners').select('id').execute()).toEqual([]);
  });

  test('proxy and extra headers are stored (headers sealed), listed by name only, and changed by PATCH', async () => {
    const res = await create({
      gln: '0614141000005',
      baseUrl: 'https://vrs.partner.example',
      proxyUrl: 'http://proxy.corp.example:3128',
      extraHeaders: { 'X-Api-Key': 'secret-key' },
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; proxyUrl: string; extraHeaderNames: string[] };
    expect(created).toMatchObject({ proxyUrl: 'http://proxy.corp.example:3128', extraHeaderNames: ['X-Api-Key'] });
    expect(JSON.stringify(created)).not.toContain('secret-key');
    const stored = (await findPartner(ctx.database.db, created.id))!;
    expect(stored.sealedExtraHeaders).not.toContain('secret-key');
    expect(await openExtraHeaders(ctx.deps.installation.master, stored.sealedExtraHeaders)).toEqual({
      'X-Api-Key': 'secret-key',
    });

    const patched = await ctx.call('PATCH', `/v1/admin/partners/${created.id}`, {
      token: ADMIN_TOKEN,
      body: { proxyUrl: 'direct', extraHeaders: {} },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      proxyUrl: 'direct',
      extraHeaderNames: [],
      baseUrl: 'https://vrs.partner.example',
    });
    const listed = (await (await ctx.call('GET', '/v1/admin/partners', { token: ADMIN_TOKEN })).json()) as {
      proxyUrl: string;
    }[];
    expect(listed).toMatchObject([{ proxyUrl: 'direct' }]);
  });

  test('PATCH refuses a non-https base URL, a bad header name or a reserved header, naming each field', async () => {
    const { id } = (await (await create({ gln: '0312345000011', baseUrl: 'https://vrs.other.example' })).json()) as {
      id: string;
    };
    const res = await ctx.call('PATCH', `/v1/admin/partners/${id}`, {
      token: ADMIN_TOKEN,
      body: { baseUrl: 'ftp://x.example', proxyUrl: 'socks://p', extraHeaders: { 'Bad Name': 'x', Host: 'y' } },
    });
    expect(res.status).toBe(400);
    expect((await fields(res)).sort()).toEqual(
      ['baseUrl', 'extraHeaders.Bad Name', 'extraHeaders.Host', 'proxyUrl'].sort(),
    );
    expect((await findPartner(ctx.database.db, id))!.baseUrl).toBe('https://vrs.other.example');
  });

  test('PATCH of an unknown partner is a 404', async () => {
    const res = await ctx.call('PATCH', '/v1/admin/partners/00000000-0000-4000-8000-000000000000', {
      token: ADMIN_TOKEN,
      body: { name: 'x' },
    });
    expect(res.status).toBe(404);
  });
});
