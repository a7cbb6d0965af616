import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.js';
import { forbidden } from '../problem.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether the browser says the request comes from one of our own pages: the Origin header names
 * our host, or (for browsers that omit Origin) Sec-Fetch-Site says same-origin.
 */
export function isSameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    try {
      return new URL(origin).host === c.req.header('host');
    } catch {
      return false;
    }
  }
  return c.req.header('sec-fetch-site') === 'same-origin';
}

/**
 * CSRF defence for cookie-authenticated writes, on top of the SameSite=Strict cookie: a request
 * that changes something on the strength of the session cookie must come from our own origin.
 * Bearer-authenticated scripts carry no ambient credential and are not affected.
 */
export const sameOriginForSessions = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get('viaSession') && !SAFE.has(c.req.method) && !isSameOrigin(c)) {
    throw forbidden('a signed-in browser may only change data from the vrs pages themselves (Origin does not match)');
  }
  await next();
});
