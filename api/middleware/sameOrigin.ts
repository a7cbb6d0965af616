import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.js';
import { forbidden } from '../problem.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether the browser says the request comes from one of our own pages: the Origin header names
 * the host it asked for (or PUBLIC_URL's, for a proxy that rewrites Host), or, for browsers that
 * omit Origin, Sec-Fetch-Site says same-origin.
 */
export function isSameOrigin(c: Context, publicUrl?: string): boolean {
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    try {
      const host = new URL(origin).host;
      return host === c.req.header('host') || (publicUrl !== undefined && host === new URL(publicUrl).host);
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
export const sameOriginForSessions = (publicUrl: string | undefined) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.get('viaSession') && !SAFE.has(c.req.method) && !isSameOrigin(c, publicUrl)) {
      throw forbidden('a signed-in browser may only change data from the vrs pages themselves (Origin does not match)');
    }
    await next();
  });
