import type { Context } from 'hono';

/**
 * Every page and asset goes out under a strict CSP: scripts and styles only from our own files,
 * nothing inline, no framing. Camera frames reach the page as a MediaStream, not a URL.
 */
export const PAGE_SECURITY = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/** A server-rendered page: never cached, since it shows the signed-in company's data. */
export function renderPage(c: Context, page: unknown, status: 200 | 401 | 403 | 404 = 200): Response {
  return c.html(`<!doctype html>${String(page)}`, status, { ...PAGE_SECURITY, 'Cache-Control': 'no-store' });
}
