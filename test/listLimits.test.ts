import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { company } from './helpers/masterData.js';

describe('lists take a limit up to 1000 (api.md)', () => {
  let ctx: ApiTestContext;
  let producer: string;
  beforeAll(async () => {
    ctx = await createApiTestContext('listlimits');
    producer = (await company(ctx.database.db, { gln: '0361414000001', roles: ['producer'], prefixes: ['0361414'] }))
      .token;
  });
  afterAll(() => ctx.close());

  test.each([
    ['/v1/admin/workflows', ADMIN_TOKEN],
    ['/v1/admin/conflicts', ADMIN_TOKEN],
    ['/v1/products', 'producer'],
    ['/v1/directory', 'producer'],
  ])('%s: 1000 is accepted, 1001 and 0 are a 400 naming limit', async (path, who) => {
    const token = who === 'producer' ? producer : who;
    expect((await ctx.call('GET', `${path}?limit=1000`, { token })).status).toBe(200);
    for (const limit of [1001, 0]) {
      const res = await ctx.call('GET', `${path}?limit=${limit}`, { token });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['limit']);
    }
  });
});
