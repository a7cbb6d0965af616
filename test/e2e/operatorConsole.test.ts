import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordSyncFinish, recordSyncStart } from '../../db/repositories/syncRuns.js';
import { createCa } from '../../domain/certificates/index.js';
import { unwrap } from '../helpers/testPki.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from '../helpers/api.js';
import { browserMissing, expectAccessible, launchBrowser, listen, screenshotBoth, signIn } from '../helpers/browser.js';
import { company } from '../helpers/masterData.js';

const DAY = 86_400_000;

describe.skipIf(browserMissing)('operator console in a real browser', () => {
  let ctx: ApiTestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let page: Page;
  let producerId: string;

  beforeAll(async () => {
    ctx = await createApiTestContext('e2e-operator', { TEMPORAL_UI_URL: 'http://temporal-ui.test:8233' });
    const producer = await company(ctx.database.db, { gln: '0312345000011', roles: ['producer'], prefixes: ['0312345'] });
    producerId = producer.company.id;
    await company(ctx.database.db, { gln: '0321012345676', roles: ['consumer'] });
    const now = new Date();
    const partnerCa = unwrap(await createCa({ commonName: 'Partner CA', notBefore: new Date(now.getTime() - DAY), notAfter: new Date(now.getTime() + 3650 * DAY) }));
    const partner = await ctx.call('POST', '/v1/admin/partners', { token: ADMIN_TOKEN, body: { name: 'Partner VRS', gln: '0614141000005', baseUrl: 'https://vrs.partner.example', caPem: partnerCa.certificatePem } });
    const partnerId = ((await partner.json()) as { id: string }).id;
    expect((await ctx.call('POST', `/v1/admin/partners/${partnerId}/certificates`, { token: ADMIN_TOKEN, body: { mode: 'issue' } })).status).toBe(201);
    await recordSyncStart(ctx.database.db, { runId: 'run-failed', workflowId: `masterDataSync:${producerId}`, companyId: producerId, kind: 'masterDataSync', total: 10 });
    await recordSyncFinish(ctx.database.db, { runId: 'run-failed', status: 'failed', done: 3, total: 10, failed: 0, counts: { synced: 3 }, errors: [] });
    const keyId = (await ctx.database.db.selectFrom('api_keys').select('id').where('company_id', '=', producerId).executeTakeFirstOrThrow()).id;
    for (let i = 0; i < ctx.deps.config.BRUTE_FORCE_LIMIT; i++) ctx.deps.bruteForce.recordMiss(`${producerId}:${keyId}`);
    server = await listen(ctx);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  test('the operator signs in with the operator token; companies and keys; a key is issued from the page', async () => {
    await signIn(page, server.url, ADMIN_TOKEN);
    expect(new URL(page.url()).pathname).toBe('/operator');
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(expect.arrayContaining(['Company 0312345000011', 'Company 0321012345676']));
    await page.getByRole('button', { name: 'Issue an API key for Company 0321012345676' }).click();
    await expect.poll(() => page.locator('#key-message').textContent()).toMatch(/^New key for Company 0321012345676 \(copy it now, it is shown only once\): vrs_[0-9a-f]{12}_/);
    await expectAccessible(page);
    await screenshotBoth(page, 'operator-companies');
  });

  test('partners with their certificates and rotation state', async () => {
    await page.goto(`${server.url}/operator/partners`);
    expect(await page.getByRole('heading', { name: 'Partner VRS' }).count()).toBe(1);
    expect(await page.locator('tbody .badge.active').count()).toBe(1);
    expect(await page.locator('tbody td').filter({ hasText: /\(in \d+ days\)/ }).count()).toBe(1);
    await expectAccessible(page);
    await screenshotBoth(page, 'operator-partners');
  });

  test('failed workflows link to the Temporal UI; brute-force blocks are listed', async () => {
    await page.goto(`${server.url}/operator/workflows`);
    const failed = page.locator('table.syncs').first().locator('tbody tr');
    expect(await failed.count()).toBe(1);
    expect(await failed.getByRole('link').getAttribute('href')).toBe(`http://temporal-ui.test:8233/namespaces/default/workflows/${encodeURIComponent(`masterDataSync:${producerId}`)}`);
    expect(await page.getByRole('region', { name: 'Brute-force blocks' }).locator('tbody tr').first().textContent()).toContain('Company 0312345000011');
    await expectAccessible(page);
    await screenshotBoth(page, 'operator-workflows');
  });
});
