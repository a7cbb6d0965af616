import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordSyncFinish, recordSyncStart } from '../../db/repositories/syncRuns.js';
import { partnerTestCa } from '../helpers/testPki.js';
import { ADMIN_TOKEN, createApiTestContext, type ApiTestContext } from '../helpers/api.js';
import { browserMissing, expectAccessible, launchBrowser, listen, screenshotBoth, signIn } from '../helpers/browser.js';
import { loopbackLookup } from '../helpers/loopbackLookup.js';
import { company } from '../helpers/masterData.js';

const CLAIMED = '00361414567894';
/** No producer here and no directory record: answered 404, counted as uncovered. */
const UNKNOWN = '00860000000017';

describe.skipIf(browserMissing)('operator console in a real browser', () => {
  let ctx: ApiTestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let page: Page;
  let producerId: string;
  let consumerToken: string;

  beforeAll(async () => {
    // Every partner host resolves to loopback, where nothing listens on 443: the connection test fails at TCP.
    ctx = await createApiTestContext('e2e-operator', { TEMPORAL_UI_URL: 'http://temporal-ui.test:8233' }, undefined, {
      peers: { lookup: loopbackLookup },
    });
    const producer = await company(ctx.database.db, {
      gln: '0312345000011',
      roles: ['producer'],
      prefixes: ['0312345'],
    });
    producerId = producer.company.id;
    consumerToken = (await company(ctx.database.db, { gln: '0321012345676', roles: ['consumer'] })).token;
    const now = new Date();
    const partnerCa = await partnerTestCa(now);
    const partner = await ctx.call('POST', '/v1/admin/partners', {
      token: ADMIN_TOKEN,
      body: {
        name: 'Partner VRS',
        gln: '0614141000005',
        baseUrl: 'https://vrs.partner.example',
        caPem: partnerCa.certificatePem,
      },
    });
    const partnerId = ((await partner.json()) as { id: string }).id;
    expect(
      (
        await ctx.call('POST', `/v1/admin/partners/${partnerId}/certificates`, {
          token: ADMIN_TOKEN,
          body: { mode: 'issue' },
        })
      ).status,
    ).toBe(201);
    // A second partner that sends spreadsheets claims a GTIN the first one's directory names too.
    const sheet = await ctx.call('POST', '/v1/admin/partners', {
      token: ADMIN_TOKEN,
      body: {
        name: 'Sheet Partner',
        gln: '0860000000017',
        baseUrl: 'https://sheets.partner.example',
        caPem: partnerCa.certificatePem,
        pullDirectory: false,
      },
    });
    const sheetId = ((await sheet.json()) as { id: string }).id;
    expect(
      (
        await ctx.call('POST', `/v1/admin/partners/${partnerId}/directory`, {
          token: ADMIN_TOKEN,
          body: [{ gtin: CLAIMED, responderGLN: '0614141000005', validFrom: '2026-01-01' }],
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await ctx.call('POST', `/v1/admin/partners/${sheetId}/directory`, {
          token: ADMIN_TOKEN,
          body: [{ gtin: CLAIMED, responderGLN: '0860000000017', validFrom: '2026-02-01' }],
        })
      ).status,
    ).toBe(200);
    await recordSyncStart(ctx.database.db, {
      runId: 'run-failed',
      workflowId: `masterDataSync:${producerId}`,
      companyId: producerId,
      kind: 'masterDataSync',
      total: 10,
    });
    await recordSyncFinish(ctx.database.db, {
      runId: 'run-failed',
      status: 'failed',
      done: 3,
      total: 10,
      failed: 0,
      counts: { synced: 3 },
      errors: [],
    });
    const keyId = (
      await ctx.database.db
        .selectFrom('api_keys')
        .select('id')
        .where('company_id', '=', producerId)
        .executeTakeFirstOrThrow()
    ).id;
    for (let i = 0; i < ctx.deps.config.BRUTE_FORCE_LIMIT; i++)
      ctx.deps.bruteForce.recordMiss(`${producerId}:${keyId}`);
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
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(
      expect.arrayContaining(['Company 0312345000011', 'Company 0321012345676']),
    );
    await page.getByRole('button', { name: 'Issue an API key for Company 0321012345676' }).click();
    await expect
      .poll(() => page.locator('#key-message').textContent())
      .toMatch(/^New key for Company 0321012345676 \(copy it now, it is shown only once\): vrs_[0-9a-f]{12}_/);
    await expectAccessible(page);
    await screenshotBoth(page, 'operator-companies');
  });

  test('partners with their certificates, directory status and circuit; test connection and pull now', async () => {
    await page.goto(`${server.url}/operator/partners`);
    expect(await page.getByRole('heading', { name: 'Partner VRS' }).count()).toBe(1);
    expect(await page.locator('tbody .badge.active').count()).toBe(1);
    expect(
      await page
        .locator('tbody td')
        .filter({ hasText: /\(in \d+ days\)/ })
        .count(),
    ).toBe(1);
    const partner = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Partner VRS' }) });
    const facts = partner.locator('ul.facts li');
    expect(await facts.first().textContent()).toBe('Directory: 1 record valid now, 1 conflict · circuit closed');
    expect(await facts.nth(1).textContent()).toBe('Last pull: none yet');
    expect(await facts.nth(2).textContent()).toMatch(
      /^Last upload: \d{4}-\d{2}-\d{2} \d{2}:\d{2} completed · 1 record, 0 ended, 0 rejected, 0 conflicts$/,
    );
    const sheets = page.locator('section.card').filter({ has: page.getByRole('heading', { name: 'Sheet Partner' }) });
    expect(await sheets.locator('ul.facts li').nth(1).textContent()).toBe(
      'Pulls are off: this partner sends its directory as uploads.',
    );
    expect(await sheets.getByRole('button', { name: /Pull now/ }).count()).toBe(0);

    await page.getByRole('button', { name: 'Test connection to Partner VRS' }).click();
    const result = partner.locator('.partner-result');
    await expect.poll(() => result.locator('tbody tr').count(), { timeout: 15_000 }).toBe(5);
    expect(await result.locator('p.notice').textContent()).toMatch(/^Partner VRS: TCP connection failed: /);
    expect(await result.locator('tbody tr').first().locator('td').allTextContents()).toEqual([
      'DNS',
      'passed',
      expect.stringMatching(/^\d+ ms$/),
      'vrs.partner.example is 127.0.0.1',
    ]);
    expect((await result.locator('tbody tr').nth(1).locator('td').allTextContents()).slice(0, 2)).toEqual([
      'TCP connection',
      'failed',
    ]);
    expect(await result.locator('tbody tr').nth(4).locator('td').nth(1).textContent()).toBe('not run');
    await expectAccessible(page);
    await screenshotBoth(page, 'operator-partners');

    await page.getByRole('button', { name: 'Pull now from Partner VRS' }).click();
    await expect.poll(() => result.textContent()).toMatch(/^Pull of Partner VRS's directory started \(directoryPull:/);
  });

  test('directory coverage for a date range: the GTINs nobody answers for, and open conflicts', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await ctx.call('POST', '/v1/verifications', {
        token: consumerToken,
        body: { gtin: UNKNOWN, serial: `S${i}`, lot: 'L1', exp: '301231' },
      });
      expect(res.status).toBe(404);
    }
    await ctx.history.flush();
    await page.goto(`${server.url}/operator/directory`);
    expect(await page.locator('#coverage-summary').textContent()).toBe(
      '1 GTIN without a directory record, asked about 3 times.',
    );
    const unknown = page.getByRole('region', { name: 'Unknown GTINs', exact: true }).locator('tbody tr');
    expect(await unknown.first().locator('td').allTextContents()).toEqual([
      UNKNOWN,
      '3',
      '1',
      expect.stringMatching(/^\d{4}-/),
      expect.stringMatching(/^\d{4}-/),
    ]);
    const conflicts = page.getByRole('region', { name: 'Conflicts' }).locator('tbody tr');
    expect(await conflicts.count()).toBe(1);
    expect(await conflicts.first().locator('td').allTextContents()).toEqual([
      CLAIMED,
      'Sheet Partner',
      '0860000000017',
      'Partner VRS',
      '0614141000005',
      'Sheet Partner',
      expect.any(String),
    ]);
    await expectAccessible(page);
    await screenshotBoth(page, 'operator-directory');

    // A range in the past holds none of them; a range over the limit is cut and says so.
    await page.getByLabel('From (UTC day)').fill('2026-01-01');
    await page.getByLabel('To (UTC day, inclusive)').fill('2026-01-02');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect
      .poll(() => page.locator('#coverage-summary').textContent())
      .toBe('0 GTINs without a directory record, asked about 0 times.');
    await page.goto(`${server.url}/operator/directory?from=2025-01-01&to=2025-12-31`);
    expect(await page.getByRole('alert').textContent()).toBe(
      'At most 31 days at a time: the range now starts 2025-12-01.',
    );
  });

  test('failed workflows link to the Temporal UI; brute-force blocks are listed', async () => {
    await page.goto(`${server.url}/operator/workflows`);
    const failed = page.locator('table.syncs').first().locator('tbody tr');
    expect(await failed.count()).toBe(1);
    expect(await failed.getByRole('link').getAttribute('href')).toBe(
      `http://temporal-ui.test:8233/namespaces/default/workflows/${encodeURIComponent(`masterDataSync:${producerId}`)}`,
    );
    expect(
      await page.getByRole('region', { name: 'Brute-force blocks' }).locator('tbody tr').first().textContent(),
    ).toContain('Company 0312345000011');
    await expectAccessible(page);
    await screenshotBoth(page, 'operator-workflows');
  });
});
