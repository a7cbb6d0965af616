import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiDeps } from './deps.js';
import type { AppEnv } from './env.js';
import { Hono } from 'hono';
import { PatternRouter } from 'hono/router/pattern-router';
import { poolOf } from '../db/pool.js';
import { useAppMiddleware } from './appMiddleware.js';
import { DatabaseOutage } from './middleware/databaseOutage.js';
import { adminAtpRoutes } from './routes/adminAtp.js';
import { adminApiKeyRoutes } from './routes/adminApiKeys.js';
import { adminBlockRoutes } from './routes/adminBlocks.js';
import { adminCompanyRoutes } from './routes/adminCompanies.js';
import { adminConflictRoutes } from './routes/adminConflicts.js';
import { adminCertificateRoutes } from './routes/adminCertificates.js';
import { adminDirectoryRoutes } from './routes/adminDirectory.js';
import { adminPartnerRoutes } from './routes/adminPartners.js';
import { adminPingRoutes } from './routes/adminPing.js';
import { healthRoutes } from './routes/health.js';
import { atpExchangeRoutes } from './routes/atpExchanges.js';
import { historyRoutes } from './routes/history.js';
import { nearMissReportRoutes } from './routes/nearMissReport.js';
import { exportRoutes } from './routes/exports.js';
import { meRoutes } from './routes/me.js';
import { metricsRoutes } from './routes/metrics.js';
import { webRoutes } from './routes/web.js';
import { deviceRoutes } from './routes/devices.js';
import { responseRuleRoutes } from './routes/responseRules.js';
import { masterDataRuleRoutes } from './routes/masterDataRules.js';
import { masterDataRulesPreviewRoutes } from './routes/masterDataRulesPreview.js';
import { responseRulesPreviewRoutes } from './routes/responseRulesPreview.js';
import { syncRoutes } from './routes/syncs.js';
import { masterDataUploadRoutes } from './routes/masterDataUpload.js';
import { masterDataDownloadRoutes } from './routes/masterDataDownload.js';
import { productRoutes } from './routes/products.js';
import { serialRuleRoutes } from './routes/serialRules.js';
import { serialUploadRoutes } from './routes/serialUpload.js';
import { serialViewRoutes } from './routes/serials.js';
import { uploadRoutes } from './routes/uploads.js';
import { verificationRoutes } from './routes/verifications.js';
import { verifyDocs, verifyRoutes } from './routes/verify.js';
import { verifyFastPath } from './verifyFastPath.js';
import { verifyFirst } from './verifyFirst.js';

/** The whole HTTP surface; sub-apps per resource are joined here. */
export function createApp(deps: ApiDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const outage = new DatabaseOutage(deps.log);
  poolOf(deps.db).on('connect', () => outage.recovered()); // a new connection means PostgreSQL is back
  useAppMiddleware(app, deps, outage);

  app.route('/', healthRoutes(deps));
  app.route('/', metricsRoutes(deps));
  app.route('/', adminCompanyRoutes(deps));
  app.route('/', adminConflictRoutes(deps));
  app.route('/', adminApiKeyRoutes(deps));
  app.route('/', adminPingRoutes(deps));
  app.route('/', adminBlockRoutes(deps));
  app.route('/', adminPartnerRoutes(deps));
  app.route('/', adminAtpRoutes(deps));
  app.route('/', adminCertificateRoutes(deps));
  app.route('/', adminDirectoryRoutes(deps));
  app.route('/', verifyDocs()); // served by verifyApp below
  app.route('/', verificationRoutes(deps));
  app.route('/', responseRuleRoutes(deps));
  app.route('/', deviceRoutes(deps));
  app.route('/', historyRoutes(deps));
  app.route('/', atpExchangeRoutes(deps));
  app.route('/', nearMissReportRoutes(deps));
  app.route('/', exportRoutes(deps));
  app.route('/', meRoutes());
  app.route('/', webRoutes(deps));
  app.route('/', masterDataRuleRoutes(deps));
  app.route('/', masterDataRulesPreviewRoutes(deps));
  app.route('/', responseRulesPreviewRoutes(deps));
  app.route('/', syncRoutes(deps));
  app.route('/', masterDataUploadRoutes(deps));
  app.route('/', masterDataDownloadRoutes(deps));
  app.route('/', productRoutes(deps));
  app.route('/', serialUploadRoutes(deps));
  app.route('/', serialViewRoutes(deps));
  app.route('/', uploadRoutes(deps));
  app.route('/', serialRuleRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'vrs: DSCSA Verification Router Service',
      version: '1',
      description:
        'Errors are application/problem+json (RFC 9457). The quick start and the upload formats are in the docs/ folder of the repository.',
    },
    // Relative: the document is served by the API it describes, wherever that runs.
    servers: [{ url: '/' }],
  });
  // PatternRouter: verify's `{[^/]*}` parameters rule out the RegExpRouter, and the TrieRouter
  // took 4 µs per match.
  const verifyApp = new Hono<AppEnv>({ router: new PatternRouter() });
  useAppMiddleware(verifyApp, deps, outage);
  verifyApp.route('/', verifyRoutes(deps));
  return verifyFirst(app, verifyApp, verifyFastPath(deps, outage));
}

export type App = ReturnType<typeof createApp>;
