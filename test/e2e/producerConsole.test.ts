import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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
import type { Company } from '../../db/repositories/companies.js';
import { company, gtinUnder, productsCsv } from '../helpers/masterData.js';
import { seedProduct } from '../helpers/seedNetwork.js';
import { seedSyntheticSerials } from '../helpers/serialFixtures.js';

const PREFIX = '0312345';

describe.skipIf(browserMissing)('producer console in a real browser', () => {
  let ctx: ApiTestContext;
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;
  let page: Page;
  let token: string;
  let companyId: string;
  let producer: Company;

  beforeAll(async () => {
    ctx = await createApiTestContext('e2e-producer', {
      TEMPORAL_UI_URL: 'http://temporal-ui.test:8233',
      UPLOAD_BACKGROUND_BYTES: String(64 * 1024),
    });
    const made = await company(ctx.database.db, { gln: '0312345000011', roles: ['producer'], prefixes: [PREFIX] });
    token = made.token;
    companyId = made.company.id;
    producer = made.company;
    await seedSyntheticSerials(ctx.database.db, companyId, 20_000);
    expect((await ctx.call('PUT', '/v1/rules/serials', { token, body: { enabled: true, include: [] } })).status).toBe(
      200,
    );
    server = await listen(ctx);
    browser = await launchBrowser();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await ctx?.close();
  });

  test('a producer lands on the console; an upload through the page reports its rows', async () => {
    await signIn(page, server.url, token);
    expect(new URL(page.url()).pathname).toBe('/producer');
    const dir = mkdtempSync(path.join(tmpdir(), 'vrs-e2e-'));
    const file = path.join(dir, 'products.csv');
    writeFileSync(file, productsCsv(PREFIX, 5) + '12345,Bad,Tablets,10,EA,BASE_UNIT_OR_EACH,840\r\n');
    await page.getByLabel('File').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect
      .poll(() => page.locator('#upload-result').textContent())
      .toBe('products.csv: 5 rows accepted, 1 rejected.');
    expect(await page.locator('#upload-bar').evaluate((el) => (el as unknown as { value: number }).value)).toBe(100);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download rejected rows (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^upload-[0-9a-f-]{36}-errors\.csv$/);
    const rejected = (await downloadText(download)).split('\r\n');
    expect(rejected[0]).toBe('row,gtin,serial,column,message');
    expect(rejected[1]).toMatch(/^6,12345,,gtin,"a GTIN has 8, 12, 13 or 14 digits/);
    // The upload is in the table, with its errors.csv.
    const row = page.locator('#uploads tr[data-upload-id]').first();
    await expect.poll(() => row.getAttribute('data-status')).toBe('completed');
    expect(await row.getByRole('link', { name: /errors\.csv/ }).getAttribute('href')).toMatch(
      /^\/v1\/uploads\/[0-9a-f-]{36}\/errors\.csv$/,
    );
  });

  test('a file over UPLOAD_BACKGROUND_BYTES is read in the background; its progress bar reaches 100%', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vrs-e2e-'));
    const file = path.join(dir, 'many-products.csv');
    writeFileSync(file, productsCsv(PREFIX, 3_000, 100));
    await page.getByLabel('File').setInputFiles(file);
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect
      .poll(() => page.locator('#upload-result').textContent())
      .toBe('many-products.csv is being read in the background: its progress is in Recent uploads.');
    // Newest first: the table refreshes until the new upload is listed, and until it ends.
    await expect.poll(() => page.locator('#uploads tr[data-upload-id]').count()).toBe(2);
    const row = page.locator('#uploads tr[data-upload-id]').first();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');
    expect(await row.locator('progress').evaluate((el) => (el as unknown as { value: number }).value)).toBe(100);
    expect(await row.locator('td').nth(3).textContent()).toBe('3,000 accepted, 0 rejected');
    await expectAccessible(page);
    // The later tests count the first upload's five products.
    const uploadId = (await row.getAttribute('data-upload-id'))!;
    await ctx.database.db.deleteFrom('source_products').where('upload_id', '=', uploadId).execute();
  });

  test('start a master-data sync and a serial backfill from the page; the progress bars reach 100%', async () => {
    await ctx.withWorkers(async () => {
      await page.reload();
      await page.getByRole('button', { name: 'Sync master data' }).click();
      const masterData = page.locator('#running-syncs tr[data-workflow-id^="masterDataSync:"]');
      await expect.poll(() => masterData.getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');

      await page.getByRole('button', { name: 'Start serial backfill' }).click();
      const backfill = page.locator('#running-syncs tr[data-workflow-id^="serialBackfill:"]');
      await expect.poll(() => backfill.count()).toBe(1);
      const link = backfill.getByRole('link', { name: /Temporal UI/ });
      expect(await link.getAttribute('href')).toBe(
        `http://temporal-ui.test:8233/namespaces/default/workflows/${encodeURIComponent(`serialBackfill:${companyId}`)}`,
      );
      await expect.poll(() => backfill.getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');
      expect(await backfill.locator('progress').evaluate((el) => (el as unknown as { value: number }).value)).toBe(100);
      expect(await backfill.locator('[data-role=bar-label]').textContent()).toContain('100%');
    });
    await page.reload();
    expect(await page.locator('tbody tr .badge.synced').count()).toBe(5);
    await expectAccessible(page);
    await screenshotBoth(page, 'producer-console');
  });

  test('a sync started while no worker runs is cancelled from its row; the row ends canceled', async () => {
    await page.goto(`${server.url}/producer`);
    await page.getByRole('button', { name: 'Sync master data' }).click();
    const row = page.locator('#running-syncs tr[data-workflow-id^="masterDataSync:"]');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 30_000 }).toBe('running');
    await row.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => page.locator('#sync-message').textContent(), { timeout: 30_000 })
      .toMatch(/^Canceling masterDataSync:/);
    await ctx.withWorkers(async () => {
      await expect.poll(() => row.getAttribute('data-status'), { timeout: 60_000 }).toBe('canceled');
    });
    expect(await row.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    expect(await page.locator('#sync-message').textContent()).toBe('masterDataSync canceled.');
  });

  test('history: the chart counts the verifications per day and the range downloads as CSV', async () => {
    const serial = {
      gtin: gtinUnder(PREFIX, 0),
      serial: 'S1',
      lot: 'L1',
      expiry: '301231',
      expiryDate: '2030-12-31',
      status: 'commissioned',
    };
    await seedProduct(ctx.database.db, producer, serial.gtin, [serial]);
    const consumer = await company(ctx.database.db, { gln: '0321012345676', roles: ['consumer'] });
    for (const s of [serial.serial, 'NO-SUCH-SERIAL']) {
      const res = await ctx.call('POST', '/v1/verifications', {
        token: consumer.token,
        body: { gtin: serial.gtin, serial: s, lot: serial.lot, exp: serial.expiry },
      });
      expect(res.status).toBe(200);
    }
    await ctx.history.flush();
    await page.goto(`${server.url}/producer/history`);
    expect(await page.locator('main p').first().textContent()).toBe('1 verified, 1 not verified, 0 for unknown GTINs.');
    expect(await page.locator('svg rect').count()).toBeGreaterThanOrEqual(1);
    await expectAccessible(page);
    await screenshotBoth(page, 'producer-history');
    const links = page.getByRole('link', { name: /^CSV / });
    const [download] = await Promise.all([page.waitForEvent('download'), links.last().click()]);
    const csv = (await downloadText(download)).trim().split(/\r?\n/);
    expect(csv[0]).toContain('gtin');
    expect(csv.slice(1).filter((l) => l.includes(serial.gtin))).toHaveLength(2);
    const [nearMisses] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Near misses, CSV / }).click(),
    ]);
    expect((await downloadText(nearMisses)).split('\r\n')[0]).toBe(
      'kind,gtin,requestorGLN,requestorCompany,count,lastSeen',
    );
  });

  test('data rules: a preview says what they would exclude, a bad field is named, save stores them', async () => {
    await page.goto(`${server.url}/producer/rules`);
    const editor = page.locator('form.rules-editor').filter({ has: page.locator('#master-json') });
    const rules = page.getByLabel('Master-data rules (JSON)');
    await rules.fill(JSON.stringify({ include: [], exclude: [{ brandName: 'Brand 0' }] }));
    await page.getByRole('button', { name: 'Preview the master-data rules' }).click();
    await expect
      .poll(() => editor.locator('[data-role=result]').textContent())
      .toBe('These rules would exclude 1 of 5 products (4 selected).');
    expect(await editor.locator('[data-role=examples] li').allTextContents()).toEqual([
      `${gtinUnder(PREFIX, 0)}: excluded by rule brandName="Brand 0"`,
    ]);
    await rules.fill(JSON.stringify({ include: [{ gtinPrefix: 'abc' }] }));
    await page.getByRole('button', { name: 'Preview the master-data rules' }).click();
    await expect
      .poll(() => editor.locator('[data-role=examples] li').first().textContent())
      .toContain('include.0.gtinPrefix');
    await rules.fill(JSON.stringify({ exclude: [{ brandName: 'Brand 0' }] }));
    await page.getByRole('button', { name: 'Save the master-data rules' }).click();
    await expect.poll(() => editor.locator('[data-role=result]').textContent()).toContain('Saved');
    expect((await (await ctx.call('GET', '/v1/rules/master-data', { token })).json()) as unknown).toEqual({
      include: [],
      exclude: [{ brandName: 'Brand 0' }],
    });
  });

  test('response rules: previewed and edited on the page, seen in a self-verification', async () => {
    await page.goto(`${server.url}/producer/rules`);
    const gtin = gtinUnder(PREFIX, 0);
    const verify = async (serial: string) => {
      await page.getByLabel('GTIN (14 digits)').fill(gtin);
      await page.getByLabel('Serial', { exact: true }).fill(serial);
      await page.getByLabel('Lot', { exact: true }).fill('L1');
      await page.getByLabel('Expiry (YYMMDD)').fill('301231');
      await page.getByRole('button', { name: 'Verify this pack' }).click();
    };
    const answer = page.locator('#verify-answer');
    await verify('S1');
    await expect.poll(() => answer.getAttribute('class')).toBe('answer small ok');
    expect(await answer.locator('[data-role=verdict]').textContent()).toBe('Verified');
    await verify('NO-SUCH-SERIAL');
    await expect
      .poll(() => answer.locator('[data-role=reason]').textContent())
      .toBe('No pack with this GTIN and serial number exists. (No_match_GTIN_Serial)');

    const response = page.getByLabel('Response rules (JSON)');
    const editor = page.locator('form.rules-editor').filter({ has: page.locator('#response-json') });
    await response.fill(JSON.stringify({ rules: { sendFailureReason: false } }));
    await page.getByRole('button', { name: 'Preview the response rules' }).click();
    await expect
      .poll(() => editor.locator('[data-role=result]').textContent())
      .toMatch(/^These rules would change the answer for \d+ of \d+ packs\.$/);
    await response.fill(JSON.stringify({ rules: { sendFailureReson: false } }));
    await page.getByRole('button', { name: 'Save the response rules' }).click();
    await expect
      .poll(() => editor.locator('[data-role=examples] li').allTextContents())
      .toEqual([expect.stringContaining('rules')]);
    expect(await editor.locator('[data-role=result]').getAttribute('class')).toBe('notice error');
    await response.fill(JSON.stringify({ rules: { sendFailureReason: false } }));
    await page.getByRole('button', { name: 'Save the response rules' }).click();
    await expect
      .poll(() => editor.locator('[data-role=result]').textContent())
      .toBe('Saved: the next verification answers under them.');
    expect(JSON.parse(await response.inputValue())).toEqual({ rules: { sendFailureReason: false }, overrides: [] });
    await verify('NO-SUCH-SERIAL');
    await expect
      .poll(() => answer.locator('[data-role=reason]').textContent())
      .toBe('The manufacturer gave no reason. (No_reason_provided)');
    await expectAccessible(page);
    await screenshotBoth(page, 'producer-rules');
  });

  test('serial rules: saved from the page, a bad field named', async () => {
    await page.goto(`${server.url}/producer/rules`);
    const serials = page.getByLabel('Serial rules (JSON)');
    expect(JSON.parse(await serials.inputValue())).toEqual({ enabled: true, include: [] });
    const editor = page.locator('form.rules-editor').filter({ has: page.locator('#serial-json') });
    await serials.fill(JSON.stringify({ enabled: 'yes' }));
    await page.getByRole('button', { name: 'Save the serial rules' }).click();
    await expect
      .poll(() => editor.locator('[data-role=examples] li').allTextContents())
      .toEqual([expect.stringMatching(/^enabled: /)]);
    await serials.fill(JSON.stringify({ enabled: true, include: [{ lot: 'L1' }] }));
    await page.getByRole('button', { name: 'Save the serial rules' }).click();
    await expect.poll(() => editor.locator('[data-role=result]').textContent()).toContain('Saved');
    expect((await (await ctx.call('GET', '/v1/rules/serials', { token })).json()) as unknown).toEqual({
      enabled: true,
      include: [{ lot: 'L1' }],
    });
  });

  test('directory records are listed', async () => {
    await page.goto(`${server.url}/producer/directory`);
    expect(await page.locator('tbody tr').count()).toBe(5);
    await expectAccessible(page);
    await screenshotBoth(page, 'producer-directory');
  });
});
