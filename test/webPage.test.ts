import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln } from './helpers/seedNetwork.js';

describe('scan page', () => {
  let ctx: ApiTestContext;
  beforeAll(async () => {
    ctx = await createApiTestContext('web');
  });
  afterAll(() => ctx.close());

  test('the page, its script and styles are served by the API with a strict CSP', async () => {
    const page = await ctx.call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('id="barcode"');
    expect(html).toContain('/web/app.js');
    const script = await ctx.call('GET', '/web/app.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain("'/v1/verifications'");
    expect((await ctx.call('GET', '/web/styles.css')).status).toBe(200);
  });

  test('GET /v1/me tells the page who signed in', async () => {
    const company = await companyWithGln(ctx.database.db, '0321012345676', ['consumer']);
    const res = await ctx.call('GET', '/v1/me', { token: await apiKeyFor(ctx.database.db, company) });
    expect(await res.json()).toEqual({ companyId: company.id, name: company.name, gln: '0321012345676', roles: ['consumer'], device: false });
    expect((await ctx.call('GET', '/v1/me')).status).toBe(401);
  });
});
