import { Hono } from 'hono';
import { listApiKeys } from '../../db/repositories/apiKeys.js';
import { listCertificates } from '../../db/repositories/certificates.js';
import { listCompanies } from '../../db/repositories/companies.js';
import { listPartners } from '../../db/repositories/partners.js';
import { listRecentSyncRuns } from '../../db/repositories/syncRuns.js';
import { workflowId } from '../../workflows/ids.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { readSync, syncViewOfRun } from '../syncs/syncStatus.js';
import { page } from '../web/pageGuard.js';
import { OperatorCompaniesPage } from '../web/pages/OperatorCompanies.js';
import { OperatorPartnersPage } from '../web/pages/OperatorPartners.js';
import { OperatorWorkflowsPage } from '../web/pages/OperatorWorkflows.js';
import type { Viewer } from '../web/pages/viewer.js';
import { renderPage } from '../web/render.js';
import { temporalWorkflowUrl } from '../web/temporalLink.js';

const operatorOnly = (v: Viewer) => v.kind === 'operator';
const NEED = 'The operator console needs the operator token.';
const RECENT_SYNCS = 50;
const FAILED = new Set(['failed', 'terminated', 'timed_out']);
/** Describing a workflow needs the Temporal frontend; the page does not wait longer than this for it. */
const DESCRIBE_MS = 2_000;

/** The operator console's pages: companies and keys, partners and certificates, workflows and blocks. */
export function operatorPages(deps: ApiDeps) {
  const app = new Hono<AppEnv>();

  app.get(
    '/operator',
    page(operatorOnly, NEED, async (c, viewer) => {
      const companies = await Promise.all(
        (await listCompanies(deps.db)).map(async (company) => ({
          company,
          keys: (await listApiKeys(deps.db, company.id)).map((k) => ({ id: k.id, prefix: k.prefix, device: k.device_id !== null, createdAt: k.created_at, revokedAt: k.revoked_at })),
        })),
      );
      return renderPage(c, <OperatorCompaniesPage viewer={viewer} companies={companies} />);
    }),
  );

  app.get(
    '/operator/partners',
    page(operatorOnly, NEED, async (c, viewer) => {
      const partners = await Promise.all(
        (await listPartners(deps.db)).map(async (partner) => {
          const id = workflowId('certificateRotation', partner.id);
          const status = await Promise.race([
            deps.temporal.workflow
              .getHandle(id)
              .describe()
              .then((d) => d.status.name.toLowerCase())
              .catch(() => 'none'),
            new Promise<string>((resolve) => setTimeout(() => resolve('unknown'), DESCRIBE_MS)),
          ]);
          return { partner, certificates: await listCertificates(deps.db, { partnerId: partner.id }), rotation: { status, url: status === 'none' ? undefined : temporalWorkflowUrl(deps.config, id) } };
        }),
      );
      return renderPage(c, <OperatorPartnersPage viewer={viewer} partners={partners} now={deps.clock()} />);
    }),
  );

  app.get(
    '/operator/workflows',
    page(operatorOnly, NEED, async (c, viewer) => {
      const names = new Map((await listCompanies(deps.db)).map((co) => [co.id, co.name]));
      const runs = await listRecentSyncRuns(deps.db, RECENT_SYNCS);
      const rows = await Promise.all(
        runs.map(async (run) => {
          const view = (run.status === 'running' ? await readSync(deps, run.workflowId, run.kind) : undefined) ?? syncViewOfRun(run);
          return { ...view, companyName: run.companyId ? names.get(run.companyId) : undefined, temporalUrl: temporalWorkflowUrl(deps.config, view.workflowId) };
        }),
      );
      const blocks = deps.bruteForce.blocked().map((b) => ({ ...b, company: names.get(b.caller.split(':')[0] ?? '') ?? (b.caller.startsWith('peer:') ? 'partner VRS' : '—') }));
      return renderPage(c, <OperatorWorkflowsPage viewer={viewer} failed={rows.filter((r) => FAILED.has(r.status))} recent={rows.filter((r) => !FAILED.has(r.status))} blocks={blocks} />);
    }),
  );
  return app;
}
