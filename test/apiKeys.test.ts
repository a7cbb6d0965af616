import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';

describe('companies and API keys', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await createApiTestContext('apikeys');
  });
  afterAll(() => ctx.close());

  const createCompany = async (gln: string) => {
    const res = await ctx.call('POST', '/v1/admin/companies', {
      token: ADMIN_TOKEN,
      // A company prefix belongs to one company: each takes the first digits of its own GLN.
      body: { name: `Company ${gln}`, gln, roles: ['producer', 'consumer'], companyPrefixes: [gln.slice(0, 7)] },
    });
    return { res, body: (await res.json()) as { id: string; apiKey: string } };
  };

  test('an operator creates a company and gets its API key once; only a hash is stored', async () => {
    const { res, body } = await createCompany('0312345000011');
    expect(res.status).toBe(201);
    expect(body.apiKey).toMatch(/^vrs_[0-9a-f]{12}_[\w-]{43}$/);
    const stored = await ctx.database.db.selectFrom('api_keys').selectAll().where('company_id', '=', body.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    // The secret is base64url and may hold '_' itself: it is everything after `vrs_<12 hex>_`.
    expect(JSON.stringify(stored)).not.toContain(body.apiKey.slice('vrs_'.length + 12 + 1));
  });

  test('a duplicate GLN is a 409 and a bad GLN a 400 naming the field', async () => {
    await createCompany('0614141000005');
    expect((await createCompany('0614141000005')).res.status).toBe(409);
    const bad = await ctx.call('POST', '/v1/admin/companies', {
      token: ADMIN_TOKEN,
      body: { name: 'x', gln: '0614141000006', roles: ['consumer'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(['gln']);
  });

  test('admin endpoints need the operator token: 401 without, 403 with a company key', async () => {
    const { body } = await createCompany('0012345000058');
    expect((await ctx.call('GET', '/v1/admin/companies')).status).toBe(401);
    expect((await ctx.call('GET', '/v1/admin/companies', { token: 'wrong' })).status).toBe(401);
    expect((await ctx.call('GET', '/v1/admin/companies', { token: body.apiKey })).status).toBe(403);
    expect((await ctx.call('GET', '/v1/admin/companies', { token: ADMIN_TOKEN })).status).toBe(200);
  });

  test('a revoked key is refused at once; a new key works', async () => {
    const { body } = await createCompany('0098765000014');
    const principal = await ctx.deps.credentials.authenticate(body.apiKey);
    expect(principal?.company.id).toBe(body.id);

    const issued = await ctx.call('POST', `/v1/admin/companies/${body.id}/api-keys`, { token: ADMIN_TOKEN });
    expect(issued.status).toBe(201);
    const second = (await issued.json()) as { id: string; apiKey: string };

    const keys = (await (
      await ctx.call('GET', `/v1/admin/companies/${body.id}/api-keys`, { token: ADMIN_TOKEN })
    ).json()) as { id: string }[];
    const first = keys.find((k) => k.id !== second.id)!;
    expect(
      (await ctx.call('DELETE', `/v1/admin/companies/${body.id}/api-keys/${first.id}`, { token: ADMIN_TOKEN })).status,
    ).toBe(204);
    expect(await ctx.deps.credentials.authenticate(body.apiKey)).toBeUndefined();
    expect((await ctx.deps.credentials.authenticate(second.apiKey))?.company.id).toBe(body.id);
    expect(
      (await ctx.call('DELETE', `/v1/admin/companies/${body.id}/api-keys/${first.id}`, { token: ADMIN_TOKEN })).status,
    ).toBe(404);
  });

  test('a key with a valid prefix but a wrong secret is refused', async () => {
    const { body } = await createCompany('0345678000014');
    const forged = `${body.apiKey.slice(0, -4)}AAAA`;
    expect(await ctx.deps.credentials.authenticate(forged)).toBeUndefined();
  });

  test('OpenAPI document lists the routes from the same schemas', async () => {
    const res = await ctx.call('GET', '/v1/openapi.json');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/admin/companies', '/v1/admin/companies/{id}/api-keys/{keyId}']),
    );
  });
});
