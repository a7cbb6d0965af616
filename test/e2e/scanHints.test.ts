import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from '../helpers/api.js';
import { browserMissing, expectAccessible, launchBrowser, listen, signIn } from '../helpers/browser.js';
import { apiKeyFor, companyWithGln, seedProduct } from '../helpers/seedNetwork.js';
import { CONSUMER_GLN, PRODUCER_GLN } from '../helpers/verifyRequest.js';

const GTIN = '00361414567894';
const GS = '\u001d';

describe.skipIf(browserMissing)('scan station hints from the station’s own input', () => {
  let ctx: ApiTestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let page: Page;
  const hints = () => page.locator('#hints li').allTextContents();
  const scan = async (code: string) => {
    await page.locator('#barcode').fill(code);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#answer').getAttribute('data-state')).not.toBe('busy');
  };

  beforeAll(async () => {
    ctx = await createApiTestContext('e2e-scan-hints');
    ctx.setNow(new Date('2026-06-15T12:00:00Z'));
    const producer = await companyWithGln(ctx.database.db, PRODUCER_GLN, ['producer']);
    const token = await apiKeyFor(ctx.database.db, await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']));
    await seedProduct(ctx.database.db, producer, GTIN, [
      { gtin: GTIN, serial: 'GOOD1', lot: 'L1', expiry: '271231', expiryDate: '2027-12-31', status: 'commissioned' },
    ]);
    server = await listen(ctx);
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    await signIn(page, server.url, token);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  test('a raw scan without a GS after the serial: the separator hint', async () => {
    await scan(`01${GTIN}21GOOD1` + `10L117271231`);
    expect(await page.locator('#answer').getAttribute('data-state')).toBe('unread');
    await expect.poll(hints).toEqual([expect.stringContaining('No group separator (GS)')]);
    await expectAccessible(page);
  });

  test('when the server already names the lot that swallowed the serial, the page says it once', async () => {
    await scan(`01${GTIN}17271231` + `10L121GOOD1`);
    await expect.poll(hints).toEqual([]);
    expect(await page.locator('#answer').textContent()).toContain('a GS separator is missing after the lot');
  });

  test('a lower-case lot: the answer is the plain GS1 one, the hint comes from what was read', async () => {
    await scan(`01${GTIN}17271231` + `10l1${GS}21GOOD1`);
    expect(await page.locator('#answer').getAttribute('data-state')).toBe('fail');
    expect(await page.locator('#reason').textContent()).toContain('No_match_GTIN_Serial_Lot');
    await expect.poll(hints).toEqual([expect.stringContaining('lower-case letters')]);
    // Nothing on the page names the producer's lot.
    expect(await page.locator('#hints').textContent()).not.toContain('L1');
  });

  test('a verified scan clears the hints', async () => {
    await scan(`01${GTIN}17271231` + `10L1${GS}21GOOD1`);
    expect(await page.locator('#answer').getAttribute('data-state')).toBe('ok');
    expect(await page.locator('#hints').isHidden()).toBe(true);
  });

  test('manual entry: a four-digit year is pointed out while typing', async () => {
    await page.getByText('Manual entry and scanner settings').click();
    await page.getByLabel('Expiry (YYMMDD)').fill('20271231');
    await expect
      .poll(() => page.locator('#manual-hints li').allTextContents())
      .toEqual([expect.stringContaining('four-digit year')]);
    await page.getByLabel('Expiry (YYMMDD)').fill('271231');
    await expect.poll(() => page.locator('#manual-hints').isHidden()).toBe(true);
    await expectAccessible(page);
  });
});
