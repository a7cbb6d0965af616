import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../env.js';
import { Problem } from '../problem.js';

/**
 * Marks a route that streams its body under a limit of its own (uploads of files up to 100 MiB);
 * `jsonBodyLimit` leaves it alone. It does nothing itself.
 */
export const ownBodyLimit = createMiddleware<AppEnv>(async (_c, next) => {
  await next();
});

export const jsonBodyTooLarge = (limit: number) =>
  new Problem(
    413,
    'Payload Too Large',
    `the request body is larger than ${limit} bytes (JSON_BODY_LIMIT_BYTES); send less per request`,
    {
      errors: [{ path: 'body', message: `at most ${limit} bytes` }],
    },
  );

/**
 * Caps every request body but the uploads' at `limit` bytes: a declared length over it is refused
 * before any byte is read, a streamed one as soon as it passes it, so a large body is never held.
 */
export function jsonBodyLimit(limit: number) {
  const limited = bodyLimit({
    maxSize: limit,
    onError: () => {
      throw jsonBodyTooLarge(limit);
    },
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    // GET and HEAD carry no body, and asking for one would make @hono/node-server build a whole
    // WHATWG Request on the verify hot path.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (matchedRoutes(c).some((route) => route.handler === ownBodyLimit)) return next();
    return limited(c, next);
  });
}
