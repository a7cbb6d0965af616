import type { Hono } from 'hono';
import type { ApiDeps } from './deps.js';
import type { AppEnv } from './env.js';
import { authenticate } from './middleware/authenticate.js';
import type { DatabaseOutage } from './middleware/databaseOutage.js';
import { onError, onNotFound } from './middleware/errors.js';
import { jsonBodyLimit } from './middleware/jsonBodyLimit.js';
import { requestId } from './middleware/requestId.js';
import { requestLog } from './middleware/requestLog.js';
import { requestMetrics } from './middleware/requestMetrics.js';
import { requireOperator } from './middleware/require.js';
import { sameOriginForSessions } from './middleware/sameOrigin.js';

/**
 * What every request of the API passes before its route, in this order, and how errors and
 * unknown paths answer. The whole app and the verify app (verifyFirst.ts) both run it, so a
 * request answers the same whichever of them serves it.
 */
export function useAppMiddleware(app: Hono<AppEnv>, deps: ApiDeps, outage: DatabaseOutage): void {
  app.onError(onError(deps.log, outage));
  app.notFound(onNotFound);
  app.use(requestId);
  app.use(requestMetrics(deps.metrics));
  app.use(requestLog(deps.log));
  app.use(
    authenticate({
      credentials: deps.credentials,
      adminToken: deps.config.VRS_ADMIN_TOKEN,
      sessions: deps.webSessions,
    }),
  );
  app.use(sameOriginForSessions(deps.config.PUBLIC_URL));
  app.use('/v1/admin/*', requireOperator);
  app.use(jsonBodyLimit(deps.config.JSON_BODY_LIMIT_BYTES));
}
