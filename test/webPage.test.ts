import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from './helpers/api.js';
import { apiKeyFor, companyWithGln } from './helpers/seedNetwork.js';

const ORIGIN = 'http://vrs.local';
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'vrs.local', origin: ORIGIN, ...headers },
  body: new URLSearchParams(fields).toString(),
});
const sessionOf = (res: Response) => /vrs_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

describe('web UI over HTTP: pages, session cookie, CSRF', () => {
  let ctx: ApiTestContext;
  let consumerKey: string;
  beforeAll(async () => {
    ctx = await createApiTestContext('web');
    consumerKey = await apiKeyFor(
      ctx.database.db,
      await companyWithGln(ctx.database.db, '0321012345676', ['consumer']),
    );
  });
  afterAll(() => ctx.close());

  test('the sign-in page and the client files are served by the API under a strict CSP', async () => {
    const page = await ctx.call('GET', '/');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('action="/web/sign-in"');
    const script = await ctx.call('GET', '/web/scan.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain("'/v1/verifications'");
    expect((await ctx.call('GET', '/web/styles.css')).status).toBe(200);
    expect((await ctx.call('GET', '/web/nope.js')).status).toBe(404);
  });

  test('GET /v1/me tells the page who signed in', async () => {
    const company = await companyWithGln(ctx.database.db, '0321012345676', ['consumer']);
    const res = await ctx.call('GET', '/v1/me', { token: consumerKey });
    expect(await res.json()).toEqual({
      companyId: company.id,
      name: company.name,
      gln: '0321012345676',
      roles: ['consumer'],
      device: false,
    });
    expect((await ctx.call('GET', '/v1/me')).status).toBe(401);
  });

  test('POST /v1/verifications: a scan missing an AI still says what it read (pack), beside the missing_ai error', async () => {
    const res = await ctx.call('POST', '/v1/verifications', {
      token: consumerKey,
      body: { barcode: '0100361414567894' + '21SER1<GS>10LOT1' },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { code: string; ai: string }[]; pack: Record<string, string> };
    expect(body.errors).toMatchObject([{ code: 'missing_ai', ai: '17' }]);
    expect(body.pack).toEqual({ gtin: '00361414567894', serial: 'SER1', lot: 'LOT1' });
  });

  test('sign-in sets an http-only SameSite=Strict session cookie; the cookie then authenticates API calls', async () => {
    const res = await ctx.app.request('/web/sign-in', form({ token: consumerKey }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/scan');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(consumerKey);
    const session = sessionOf(res);
    const me = await ctx.app.request('/v1/me', { headers: { cookie: `vrs_session=${session}` } });
    expect(me.status).toBe(200);
    expect((await ctx.app.request('/scan', { headers: { cookie: `vrs_session=${session}` } })).status).toBe(200);
  });

  test('a bad key is refused with the form shown again, and no cookie', async () => {
    const res = await ctx.app.request('/web/sign-in', form({ token: 'vrs_000000000000_wrong' }));
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('not recognised');
  });

  test('a sign-in from another origin is refused (login CSRF)', async () => {
    const res = await ctx.app.request('/web/sign-in', form({ token: consumerKey }, { origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  test('cookie-authenticated writes need our own Origin; bearer scripts are unaffected', async () => {
    const session = sessionOf(await ctx.app.request('/web/sign-in', form({ token: consumerKey })));
    const post = (headers: Record<string, string>) =>
      ctx.app.request('/v1/verifications', {
        method: 'POST',
        headers: { 'content-type': 'application/json', host: 'vrs.local', ...headers },
        body: JSON.stringify({ barcode: '' }),
      });
    const foreign = await post({ cookie: `vrs_session=${session}`, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { detail: string }).detail).toContain('Origin');
    expect((await post({ cookie: `vrs_session=${session}` })).status).toBe(403);
    // Same origin gets through to the handler (an empty scan is its 400).
    expect((await post({ cookie: `vrs_session=${session}`, origin: ORIGIN })).status).toBe(400);
    expect((await post({ cookie: `vrs_session=${session}`, 'sec-fetch-site': 'same-origin' })).status).toBe(400);
    expect((await post({ authorization: `Bearer ${consumerKey}` })).status).toBe(400);
    // Behind a proxy that rewrites Host, PUBLIC_URL's origin is ours too.
    expect(
      (await post({ cookie: `vrs_session=${session}`, origin: 'https://vrs.test.example', host: 'upstream:8080' }))
        .status,
    ).toBe(400);
  });

  test('sign-out ends the server-side session: the old cookie no longer works', async () => {
    const session = sessionOf(await ctx.app.request('/web/sign-in', form({ token: consumerKey })));
    const out = await ctx.app.request('/web/sign-out', {
      method: 'POST',
      headers: { host: 'vrs.local', origin: ORIGIN, cookie: `vrs_session=${session}` },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/?signedOut=1');
    expect((await ctx.app.request('/v1/me', { headers: { cookie: `vrs_session=${session}` } })).status).toBe(401);
    const page = await ctx.app.request('/scan', { headers: { cookie: `vrs_session=${session}` } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/');
  });

  test('revoking the key a browser signed in with ends that session at once', async () => {
    const company = await companyWithGln(ctx.database.db, '0321012345676', ['consumer']);
    const created = await ctx.call('POST', `/v1/admin/companies/${company.id}/api-keys`, { token: ADMIN_TOKEN });
    const { id, apiKey } = (await created.json()) as { id: string; apiKey: string };
    const session = sessionOf(await ctx.app.request('/web/sign-in', form({ token: apiKey })));
    expect((await ctx.app.request('/v1/me', { headers: { cookie: `vrs_session=${session}` } })).status).toBe(200);
    expect(
      (await ctx.call('DELETE', `/v1/admin/companies/${company.id}/api-keys/${id}`, { token: ADMIN_TOKEN })).status,
    ).toBe(204);
    expect((await ctx.app.request('/v1/me', { headers: { cookie: `vrs_session=${session}` } })).status).toBe(401);
  });

  test('the operator signs in with the operator token and lands on the operator console', async () => {
    const res = await ctx.app.request('/web/sign-in', form({ token: ADMIN_TOKEN }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/operator');
    const scan = await ctx.app.request('/scan', { headers: { cookie: `vrs_session=${sessionOf(res)}` } });
    expect(scan.status).toBe(403);
  });

  test("directory coverage is the operator's: a company sign-in is told so, no sign-in is sent to sign in", async () => {
    const signedIn = await ctx.app.request('/web/sign-in', form({ token: consumerKey }));
    const asCompany = await ctx.app.request('/operator/directory', {
      headers: { cookie: `vrs_session=${sessionOf(signedIn)}` },
    });
    expect(asCompany.status).toBe(403);
    expect(await asCompany.text()).toContain('The operator console needs the operator token.');
    const anonymous = await ctx.app.request('/operator/directory');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/');
    const operator = await ctx.app.request('/web/sign-in', form({ token: ADMIN_TOKEN }));
    const page = await ctx.app.request('/operator/directory?from=2026-13-01', {
      headers: { cookie: `vrs_session=${sessionOf(operator)}` },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Dates are days as YYYY-MM-DD; the last 7 days are shown.');
  });
});
