import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApiTestContext, type ApiTestContext } from '../helpers/api.js';
import { browserMissing, launchProfileBrowser, listen, signIn } from '../helpers/browser.js';
import { apiKeyFor, companyWithGln, seedProduct } from '../helpers/seedNetwork.js';
import { CONSUMER_GLN, PRODUCER_GLN } from '../helpers/verifyRequest.js';

const GTIN = '00361414567894';
const DATA_MATRIX = `]d201${GTIN}17271231` + `10L1\u001d21GOOD1`;

/**
 * Records the tones the page plays. A camera that films a blank canvas and a BarcodeDetector that reads the pack on its third look:
 * headless chromium has neither a camera nor a DataMatrix reader, and the page must only rely on
 * what the browser offers.
 */
const handheldCamera = `
  window.__tones = [];
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) {
    window.__tones.push(this.frequency.value);
    return start.apply(this, args);
  };
  window.__cameraStopped = false;
  window.BarcodeDetector = class {
    static getSupportedFormats() { return Promise.resolve(['qr_code', 'data_matrix']); }
    constructor(options) { this.looks = 0; window.__detectorFormats = options.formats; }
    detect() { return Promise.resolve(++this.looks < 3 ? [] : [{ format: 'data_matrix', rawValue: ${JSON.stringify(DATA_MATRIX)} }]); }
  };
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    window.__cameraConstraints = constraints;
    const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 64 });
    canvas.getContext('2d').fillRect(0, 0, 64, 64);
    const stream = canvas.captureStream(5);
    for (const track of stream.getTracks()) {
      const stop = track.stop.bind(track);
      track.stop = () => { window.__cameraStopped = true; stop(); };
    }
    return stream;
  };
`;

describe.skipIf(browserMissing)(
  'the scan station on a handheld: camera, scanner settings, installable app, device token',
  () => {
    let ctx: ApiTestContext;
    let server: Awaited<ReturnType<typeof listen>>;
    const profile = mkdtempSync(path.join(tmpdir(), 'vrs-handheld-'));
    let context: BrowserContext;
    let page: Page;
    let consumerToken: string;

    beforeAll(async () => {
      ctx = await createApiTestContext('e2e-handheld');
      ctx.setNow(new Date('2026-06-15T12:00:00Z'));
      const producer = await companyWithGln(ctx.database.db, PRODUCER_GLN, ['producer']);
      consumerToken = await apiKeyFor(
        ctx.database.db,
        await companyWithGln(ctx.database.db, CONSUMER_GLN, ['consumer']),
      );
      await seedProduct(ctx.database.db, producer, GTIN, [
        { gtin: GTIN, serial: 'GOOD1', lot: 'L1', expiry: '271231', expiryDate: '2027-12-31', status: 'commissioned' },
      ]);
      server = await listen(ctx);
      context = await launchProfileBrowser(profile);
      await context.addInitScript(handheldCamera);
      page = context.pages()[0] ?? (await context.newPage());
      await signIn(page, server.url, consumerToken);
    });
    afterAll(async () => {
      await context?.close();
      rmSync(profile, { recursive: true, force: true });
      await server?.close();
      await ctx?.close();
    });

    test('the camera reads the DataMatrix, verifies it and lets the camera go', async () => {
      const camera = page.getByRole('button', { name: 'Camera' });
      await expect.poll(() => camera.isVisible()).toBe(true);
      await camera.click();
      await expect.poll(() => page.locator('#answer').getAttribute('data-state')).toBe('ok');
      expect(await page.locator('#verdict').textContent()).toBe('Verified');
      expect(await page.locator('#read-serial').textContent()).toBe('GOOD1');
      expect(await page.evaluate('window.__detectorFormats')).toEqual(['data_matrix']);
      expect(await page.evaluate('window.__cameraConstraints')).toEqual({ video: { facingMode: 'environment' } });
      expect(await page.evaluate('window.__cameraStopped')).toBe(true);
      expect(await page.locator('#camera-box').isHidden()).toBe(true);
      await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('barcode');
    });

    test('a scanner that sends a substitute for GS, or Ctrl+], verifies; each answer beeps and flashes', async () => {
      await page.getByText('Manual entry and scanner settings').click();
      const substitute = page.getByLabel('GS substitute the scanner sends');
      await substitute.fill('~');
      await substitute.dispatchEvent('change');
      await page.evaluate('window.__tones = []');
      await page.locator('#barcode').focus();
      await page.keyboard.type(DATA_MATRIX.replace('\u001d', '~'));
      await page.keyboard.press('Enter');
      // The camera's scan already shows GOOD1 and "ok": wait for this scan's own row in the list.
      await expect.poll(() => page.locator('#counts').textContent()).toMatch(/^2 scans/);
      expect(await page.locator('#read-serial').textContent()).toBe('GOOD1');
      expect(await page.locator('#answer').getAttribute('data-state')).toBe('ok');
      expect(await page.evaluate('document.body.className')).toContain('flash-ok');
      expect(await page.evaluate('window.__tones')).toEqual([880]);

      // The setting stays on this device; a scanner sending GS as Ctrl+] needs none.
      await page.reload();
      expect(await page.getByLabel('GS substitute the scanner sends').inputValue()).toBe('~');
      const [before, after] = DATA_MATRIX.split('\u001d') as [string, string];
      await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('barcode');
      await page.keyboard.type(before.replace('GOOD1', ''));
      await page.keyboard.press('Control+BracketRight');
      await page.keyboard.type(after.replace('GOOD1', 'NOPE1'));
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#answer').getAttribute('data-state')).toBe('fail');
      expect(await page.locator('#read-serial').textContent()).toBe('NOPE1');
      expect(await page.evaluate('document.body.className')).toContain('flash-fail');
      expect(await page.evaluate('window.__tones')).toEqual([220]);
    });

    test('chromium finds nothing that stops installing the scan station as an app', async () => {
      await expect
        .poll(() => page.evaluate<boolean>("navigator.serviceWorker.getRegistration('/').then((r) => !!r?.active)"))
        .toBe(true);
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: { errorId: string }[];
      };
      expect(installabilityErrors).toEqual([]);
      const { url, data } = (await cdp.send('Page.getAppManifest')) as { url: string; data: string };
      expect(url).toBe(`${server.url}/web/manifest.webmanifest`);
      expect(JSON.parse(data)).toMatchObject({ start_url: '/scan', display: 'standalone' });
    });

    test('a registered handheld keeps its device token on the device and signs itself in with it', async () => {
      // A fresh page: whatever an earlier test left open or half-typed does not matter here.
      await page.goto(`${server.url}/scan`);
      page.once('dialog', (dialog) => void dialog.accept('returns desk 2'));
      await page.getByText('Manual entry and scanner settings').click();
      await page.getByRole('button', { name: 'Keep this handheld signed in' }).click();
      await expect.poll(() => page.locator('#device-state').textContent()).toContain('keeps a device token');
      const token = await page.evaluate<string | null>("localStorage.getItem('vrs.deviceToken')");
      expect(token).toMatch(/^vrs_/);
      const device = await ctx.database.db.selectFrom('devices').select('name').executeTakeFirstOrThrow();
      expect(device.name).toBe('returns desk 2');
      // The token never travels in a cookie; the session cookie stays the only one.
      expect((await context.cookies()).map((c) => c.name)).toEqual(['vrs_session']);

      // Signed out on purpose: the page offers the device's token, and signs in only when asked.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.getByRole('button', { name: 'Sign in as this device' }).click();
      await page.waitForURL((url) => url.pathname === '/scan');

      // A session that ended by itself (cookie gone): the handheld is straight back at the scan station.
      await context.clearCookies();
      await page.goto(`${server.url}/`);
      await page.waitForURL((url) => url.pathname === '/scan');
      expect(await page.locator('header').textContent()).toContain('this device');
    });
  },
);
