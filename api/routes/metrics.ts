import { Hono } from 'hono';
import { secretEquals } from '../auth/tokens.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { forbidden, unauthorized } from '../problem.js';

/**
 * `GET /metrics` in the Prometheus text format, for the operator token or METRICS_TOKEN (a
 * scraper's credential that opens nothing else). Company keys get 403: pool use, queue depth and
 * partner names are the operator's business.
 */
export function metricsRoutes(deps: Pick<ApiDeps, 'metrics' | 'config'>) {
  return new Hono<AppEnv>().get('/metrics', async (c) => {
    const principal = c.get('principal');
    if (principal?.kind !== 'operator') {
      const header = c.req.header('authorization');
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const scraper =
        token !== undefined &&
        deps.config.METRICS_TOKEN !== undefined &&
        secretEquals(token, deps.config.METRICS_TOKEN);
      if (!scraper) throw principal ? forbidden('the operator token or METRICS_TOKEN is required') : unauthorized();
    }
    const { contentType, body } = await deps.metrics.exposition();
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  });
}
