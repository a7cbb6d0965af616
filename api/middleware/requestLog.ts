import { createMiddleware } from 'hono/factory';
import type { Logger } from '../../logger.js';
import type { AppEnv } from '../env.js';

/** One JSON line per request with the request id that also travels to workflows. */
export function requestLog(log: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    // Skipped entirely unless debug is on: this wraps every request, verify included.
    if (!log.isLevelEnabled('debug')) return next();
    const started = performance.now();
    await next();
    log.debug(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
}
