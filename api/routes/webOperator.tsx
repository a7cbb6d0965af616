import { Hono } from 'hono';
import { listApiKeys } from '../../db/repositories/apiKeys.js';
import { listCertificates } from '../../db/repositories/certificates.js';
import { listCompanies } from '../../db/repositories/companies.js';
import { listUncoveredRequests } from '../../db/repositories/coverage.js';
import { listOpenConflicts } from '../../db/repositories/partnerDirectory.js';
import { listPartners } from '../../db/repositories/partners.js';
import { partnerDirectoryStatuses } from '../../db/repositories/partnerStatus.js';
import { listRecentSyncRuns } from '../../db/repositories/syncRuns.js';
import { summarizeCoverage } from '../../domain/directory/coverageSummary.js';
import { workflowId } from '../../workflows/ids.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { liveSyncView } from '../syncs/syncStatus.js';
import { dayOf, dayRange } from '../web/dayRange.js';
import { page } from '../web/pageGuard.js';
import { OperatorDirectoryPage } from '../web/pages/OperatorDirectory.js';
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
/** GET /v1/admin/directory/coverage's limits: the page counts what the API would. */
const COVERAGE_DAYS = 31;
const COVERAGE_ROWS = 10_000;
const GTINS_SHOWN = 200;
const CONFLICTS_SHOWN = 200;

/** The operator console's pages: companies and keys, partners and certificates, workflows and blocks. */
export function operatorPages(deps: ApiDeps) {
  const app = new Hono<AppEnv>();

  app.get(
    '/operator',
    page(operatorOnly, NEED, async (c, viewer) => {
      const companies = await Promise.all(
        (await listCompanies(deps.db)).map(async (company) => ({
          company,
          keys: (await listApiKeys(deps.db, company.id)).map((k) => ({
            id: k.id,
            prefix: k.prefix,
            device: k.device_id !== null,
            createdAt: k.created_at,
            revokedAt: k.revoked_at,
          })),
        })),
      );
      return renderPage(c, <OperatorCompaniesPage viewer={viewer} companies={companies} />);
    }),
  );

  app.get(
    '/operator/partners',
    page(operatorOnly, NEED, async (c, viewer) => {
      const statusOf = await partnerDirectoryStatuses(deps.db, deps.clock());
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
          const { clientCertificate: _, ...directory } = statusOf(partner.id);
          return {
            partner,
            certificates: await listCertificates(deps.db, { partnerId: partner.id }),
            rotation: { status, url: status === 'none' ? undefined : temporalWorkflowUrl(deps.config, id) },
            directory,
            circuit: deps.circuits.stateOf(partner.id).state,
          };
        }),
      );
      return renderPage(c, <OperatorPartnersPage viewer={viewer} partners={partners} now={deps.clock()} />);
    }),
  );

  app.get(
    '/operator/directory',
    page(operatorOnly, NEED, async (c, viewer) => {
      const now = deps.clock();
      const { from, toExclusive, error } = dayRange(now, c.req.query('from'), c.req.query('to'), {
        defaultDays: 7,
        maxDays: COVERAGE_DAYS,
      });
      const [rows, conflicts, partners] = await Promise.all([
        listUncoveredRequests(deps.db, { from, to: toExclusive, limit: COVERAGE_ROWS + 1 }),
        listOpenConflicts(deps.db, { limit: CONFLICTS_SHOWN, now }),
        listPartners(deps.db),
      ]);
      const names = new Map(partners.map((p) => [p.id, p.name]));
      const sourceName = (source: string) => (source === 'local' ? 'our producer' : (names.get(source) ?? source));
      const summary = summarizeCoverage(rows.slice(0, COVERAGE_ROWS));
      return renderPage(
        c,
        <OperatorDirectoryPage
          viewer={viewer}
          from={dayOf(from)}
          to={dayOf(new Date(toExclusive.getTime() - 86_400_000))}
          maxDays={COVERAGE_DAYS}
          error={error}
          perDay={summary.perDay}
          gtins={summary.gtins}
          gtinsShown={GTINS_SHOWN}
          truncated={rows.length > COVERAGE_ROWS}
          conflicts={conflicts.map((x) => ({
            gtin: x.gtin,
            partner: sourceName(x.partnerId),
            responderGln: x.responderGln,
            other: sourceName(x.otherSource),
            otherResponderGln: x.otherResponderGln,
            winner: sourceName(x.winner),
            detectedAt: x.detectedAt,
          }))}
          conflictLimit={CONFLICTS_SHOWN}
        />,
      );
    }),
  );

  app.get(
    '/operator/workflows',
    page(operatorOnly, NEED, async (c, viewer) => {
      const names = new Map((await listCompanies(deps.db)).map((co) => [co.id, co.name]));
      const runs = await listRecentSyncRuns(deps.db, RECENT_SYNCS);
      const rows = await Promise.all(
        runs.map(async (run) => {
          const view = await liveSyncView(deps, run);
          return {
            ...view,
            companyName: run.companyId ? names.get(run.companyId) : undefined,
            temporalUrl: temporalWorkflowUrl(deps.config, view.workflowId),
          };
        }),
      );
      const blocks = deps.bruteForce.blocked().map((b) => ({
        ...b,
        company: names.get(b.caller.split(':')[0] ?? '') ?? (b.caller.startsWith('peer:') ? 'partner VRS' : '—'),
      }));
      return renderPage(
        c,
        <OperatorWorkflowsPage
          viewer={viewer}
          failed={rows.filter((r) => FAILED.has(r.status))}
          recent={rows.filter((r) => !FAILED.has(r.status))}
          blocks={blocks}
        />,
      );
    }),
  );
  return app;
}
