import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Company } from '../../db/repositories/companies.js';
import { createApiTestContext, type ApiTestContext } from '../helpers/api.js';
import {
  browserMissing,
  downloadText,
  expectAccessible,
  launchBrowser,
  listen,
  screenshotBoth,
  signIn,
} from '../helpers/browser.js';
import { apiKeyFor, companyWithGln, seedProduct } from '../helpers/seedNetwork.js';
import { CONSUMER_GLN, PRODUCER_GLN } from '../helpers/verifyRequest.js';

const GTIN = '00361414567894';
const GS = '\u001d';

describe.skipIf(browserMissing)('scan station in a real browser', () => {
  let ctx: ApiTestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let page: Page;
  let producer: Company;
  let consumerToken: string;

  beforeAll(async () => {
    ctx = await createApiTestContext('e2e-scan');
    ctx.setNow(new Date('2026-06-15T12:00:00Z'));
    producer = await companyWithGln(ctx.database.db, PRODUCER_GLN, ['producer']);
    consumerToken = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']));
    await ctx.database.db
      .insertInto('network_products')
      .values({
        gtin: GTIN,
        producer_company_id: producer.id,
        producer_gln: producer.gln,
        data: JSON.stringify({ gtin: GTIN, brandName: 'Amoxicillin', strength: '500 mg' }),
        source_hash: 'seed',
      })
      .execute();
    await seedProduct(ctx.database.db, producer, GTIN, [
      { gtin: GTIN, serial: 'GOOD1', lot: 'L1', expiry: '271231', expiryDate: '2027-12-31', status: 'commissioned' },
      { gtin: GTIN, serial: 'GONE1', lot: 'L1', expiry: '271231', expiryDate: '2027-12-31', status: 'decommissioned' },
    ]);
    server = await listen(ctx);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  test('the sign-in page is accessible, and a bad key is refused in place', async () => {
    await page.goto(`${server.url}/?signedOut=1`);
    await expectAccessible(page);
    await screenshotBoth(page, 'sign-in');
    await page.getByLabel('API key, device token or operator token').fill('vrs_000000000000_nope');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not recognised');
  });

  test('sign in, then a raw DataMatrix typed with GS keystrokes verifies', async () => {
    await signIn(page, server.url, consumerToken);
    expect(new URL(page.url()).pathname).toBe('/scan');
    const cookie = (await page.context().cookies()).find((c) => c.name === 'vrs_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // The input has focus without a click: the scanner just types.
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('barcode');
    await page.keyboard.type(`]d201${GTIN}17271231` + `10L1${GS}21GOOD1`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#answer').getAttribute('data-state')).toBe('ok');
    expect(await page.locator('#verdict').textContent()).toBe('Verified');
    expect(await page.locator('#counts').textContent()).toBe(
      '1 scan: 1 verified, 0 not verified, 0 to retry, 0 not read',
    );
    expect(await page.locator('#read-gtin').textContent()).toBe(GTIN);
    expect(await page.locator('#read-serial').textContent()).toBe('GOOD1');
    expect(await page.locator('#read-lot').textContent()).toBe('L1');
    await expect.poll(() => page.locator('#read-product').textContent()).toContain('Amoxicillin');
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('barcode');
    await expectAccessible(page);
    await screenshotBoth(page, 'scan-verified');
  });

  test('a decommissioned pack shows the reason in plain words', async () => {
    await page.keyboard.type(`01${GTIN}21GONE1${GS}10L1${GS}17271231`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#answer').getAttribute('data-state')).toBe('fail');
    expect(await page.locator('#verdict').textContent()).toBe('Not verified');
    expect(await page.locator('#reason').textContent()).toContain('Not_for_re-distribution');
    expect(await page.locator('#reason').textContent()).toContain('decommissioned');
    await screenshotBoth(page, 'scan-not-verified');
  });

  test('a missing AI is named in place', async () => {
    await page.keyboard.type(`01${GTIN}21GOOD1${GS}10L1`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#answer').getAttribute('data-state')).toBe('unread');
    const expiry = page.locator('[data-field="exp"]');
    await expect.poll(() => expiry.getAttribute('class')).toContain('missing');
    expect(await page.locator('#read-exp').textContent()).toBe('missing: AI (17) expiry');
    // What the barcode did hold stays on show beside the gap.
    expect(await page.locator('#read-serial').textContent()).toBe('GOOD1');
    expect(await page.locator('#read-gtin').textContent()).toBe(GTIN);
    await expectAccessible(page);
    await screenshotBoth(page, 'scan-missing-ai');
  });

  test('manual entry verifies, and the session list counts every scan and downloads as CSV', async () => {
    await page.getByText('Manual entry and scanner settings').click();
    await page.getByLabel('GTIN (14 digits)').fill(GTIN);
    await page.getByLabel('Serial').fill('GOOD1');
    await page.getByLabel('Lot', { exact: true }).fill('L1');
    await page.getByLabel('Expiry (YYMMDD)').fill('271231');
    await page.getByRole('button', { name: 'Verify these' }).click();
    await expect
      .poll(() => page.locator('#counts').textContent())
      .toBe('4 scans: 2 verified, 1 not verified, 0 to retry, 1 not read');
    expect(await page.locator('#scans tbody tr').count()).toBe(4);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = await downloadText(download);
    expect(csv.split('\r\n')[0]).toBe('time,answer,gtin,lot,expiry,serial,reason');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(5);
    await ctx.history.flush();
    const channels = await ctx.database.db.selectFrom('verification_history').select('channel').execute();
    expect(channels.length).toBeGreaterThanOrEqual(3);
    expect(new Set(channels.map((r) => r.channel))).toEqual(new Set(['web']));
  });

  test('an unreachable partner VRS (502, 503, 504) shows amber: retry', async () => {
    // The partner's outage is played by the browser answering for /v1/verifications, as the API does
    // when routing fails (problem details naming the partner, and the pack it read).
    await page.route('**/v1/verifications', (route) =>
      route.fulfill({
        status: 504,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Gateway Timeout',
          status: 504,
          detail: 'partner VRS Example Partner did not answer within 3000 ms',
          pack: { gtin: GTIN, serial: 'GOOD1', lot: 'L1', exp: '271231' },
        }),
      }),
    );
    await page.keyboard.type(`01${GTIN}21GOOD1${GS}10L1${GS}17271231`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#answer').getAttribute('data-state')).toBe('retry');
    expect(await page.locator('#verdict').textContent()).toBe('Partner unreachable: retry');
    expect(await page.locator('#reason').textContent()).toContain('Example Partner');
    expect(await page.locator('#read-gtin').textContent()).toBe(GTIN);
    expect(await page.locator('#read-serial').textContent()).toBe('GOOD1');
    expect(await page.locator('#scans tbody tr').first().textContent()).toContain(GTIN);
    await expectAccessible(page);
    await screenshotBoth(page, 'scan-retry');
    await page.unroute('**/v1/verifications');
  });

  test('keyboard only: Tab walks scan input, Verify, manual entry; Enter opens and submits it', async () => {
    await page.reload();
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('barcode');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('Verify');
    let steps = 0;
    while ((await page.evaluate<string>('document.activeElement?.tagName')) !== 'SUMMARY' && steps++ < 5)
      await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toBe(
      'Manual entry and scanner settings',
    );
    const open = await page.evaluate<boolean>("document.querySelector('details.manual').open");
    if (!open) await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('m-gtin');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(GTIN);
    for (const value of ['GONE1', 'L1', '271231']) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#answer').getAttribute('data-state')).toBe('fail');
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('barcode');
  });

  test('the manifest and service worker make it installable', async () => {
    const manifest = (await (await page.request.get(`${server.url}/web/manifest.webmanifest`)).json()) as {
      start_url: string;
      display: string;
    };
    expect(manifest).toMatchObject({ start_url: '/scan', display: 'standalone' });
    await expect
      .poll(() =>
        page.evaluate<string | null>(
          "navigator.serviceWorker.getRegistration('/').then((r) => r?.active?.scriptURL ?? null)",
        ),
      )
      .toBe(`${server.url}/sw.js`);
  });

  test('cookie-authenticated writes from another origin are refused; sign-out ends the session', async () => {
    const foreign = await page.request.post(`${server.url}/v1/verifications`, {
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      data: { barcode: 'x' },
    });
    expect(foreign.status()).toBe(403);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    expect((await page.request.get(`${server.url}/v1/me`)).status()).toBe(401);
    await page.goto(`${server.url}/scan`);
    expect(new URL(page.url()).pathname).toBe('/');
  });
});
