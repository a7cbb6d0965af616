import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ApiTestContext } from './api.js';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Browser tests need Debian's chromium (.ci/run installs it). Outside CI a machine without it
 * skips them with this message; under CI=true they run and fail instead.
 */
export const browserMissing = !existsSync(CHROMIUM) && process.env.CI !== 'true';
if (browserMissing)
  console.warn(`browser tests skipped: no ${CHROMIUM} (apt-get install chromium; CI=true makes this a failure)`);

const LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch(LAUNCH);
}

/**
 * A browser with a profile on disk, as on a handheld: its contexts are not off the record, so
 * chromium judges whether the page installs as an app.
 */
export async function launchProfileBrowser(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, LAUNCH);
}

/** The test context's app on a real loopback port, for the browser. */
export async function listen(ctx: ApiTestContext): Promise<{ url: string; close(): Promise<void> }> {
  const server = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

const screenshots = new URL('../e2e/screenshots/', import.meta.url);

/** Full-page screenshots at desktop and phone width (test/e2e/screenshots/, git-ignored), to look at. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  const size = page.viewportSize() ?? DESKTOP;
  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: new URL(`${name}-${label}.png`, screenshots).pathname, fullPage: true });
    // Nothing may stick out sideways (tables scroll inside their own region).
    const wide = await page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
      .filter((el) => !el.closest('.table-wrap') && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + [...el.classList].join('.') + ' ' + Math.round(el.getBoundingClientRect().right))`);
    expect(wide, `${name} at ${viewport.width}px`).toEqual([]);
    expect(
      await page.evaluate<number>('document.documentElement.scrollWidth'),
      `${name}: page width at ${viewport.width}px`,
    ).toBeLessThanOrEqual(viewport.width);
  }
  await page.setViewportSize(size);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select, textarea, summary, [tabindex="0"]';

/**
 * Keyboard only: Tab moves through every visible control in document order (no positive
 * tabindex, no trap), and each shows a focus indicator while it has focus. The walk checks each
 * step (this control, then that one) rather than one unbroken pass: when Tab leaves the document,
 * a page may take focus back where it wants it (the scan station refocuses its input), and the
 * walk simply goes on from there.
 */
async function expectKeyboardWalk(page: Page): Promise<void> {
  const nameOf = `(el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' + (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)`;
  const label = `[...document.querySelectorAll(${JSON.stringify(FOCUSABLE)})].filter((el) => el.checkVisibility())
      .map(${nameOf})`;
  const expected = await page.evaluate<string[]>(label);
  const focusedName = `(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      return (${nameOf})(el);
    })()`;
  const start = await page.evaluate<string | null>(focusedName);
  const wanted = expected.slice(1).map((name, i) => `${expected[i]} -> ${name}`);
  const steps = new Set<string>();
  const strays = new Set<string>();
  const unmarked = new Set<string>();
  let previous: string | null = null;
  for (let i = 0; i < 6 * expected.length + 4 && !wanted.every((step) => steps.has(step)); i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<{ name: string; marked: boolean } | null>(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        name: (${nameOf})(el),
        marked: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
      };
    })()`);
    if (focused && previous !== focused.name) {
      if (!expected.includes(focused.name)) strays.add(focused.name);
      if (!focused.marked) unmarked.add(focused.name);
      if (previous) steps.add(`${previous} -> ${focused.name}`);
    }
    previous = focused?.name ?? null;
  }
  // Leave focus where the walk found it: the next step of a test types into the page as it was.
  for (let i = 0; start && i < 2 * expected.length + 4 && previous !== start; i++) {
    await page.keyboard.press('Tab');
    previous = await page.evaluate<string | null>(focusedName);
  }
  expect(
    wanted.filter((step) => !steps.has(step)),
    'Tab steps never taken',
  ).toEqual([]);
  expect([...strays], 'focused but not a visible control').toEqual([]);
  expect([...unmarked], 'focused without a visible focus indicator').toEqual([]);
}

/**
 * axe-core on the page as it stands, at desktop and phone width: no serious or critical violation;
 * then a walk through the page with Tab.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const size = page.viewportSize() ?? DESKTOP;
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    // Injected through the DevTools protocol (addScriptTag would be refused by our CSP, rightly).
    await page.evaluate(axeSource);
    const violations = await page.evaluate<AxeViolation[]>(
      'axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))',
    );
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `at ${viewport.width}px`,
    ).toEqual([]);
  }
  await page.setViewportSize(size);
  await expectKeyboardWalk(page);
}

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/?signedOut=1`);
  await page.getByLabel('API key, device token or operator token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/');
}

/** What the page downloaded, as text. */
export async function downloadText(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
