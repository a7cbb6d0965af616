import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { ApiMetrics } from '../metrics/apiMetrics.js';
import type { AppEnv } from '../env.js';

/**
 * One histogram observation per request, labelled with the route pattern that answered (never the
 * raw path, which holds GTINs and serials and has no bound). After next() the request's route
 * index is the handler that answered; an unmatched path is labelled with the catch-all pattern.
 */
export function requestMetrics(metrics: ApiMetrics) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    metrics.requestAnswered(c.req.method, routePath(c), c.res.status, started);
  });
}
