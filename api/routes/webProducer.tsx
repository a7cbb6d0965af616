import { Hono } from 'hono';
import { countVerificationsPerDay } from '../../db/repositories/historyDaily.js';
import { listProducerDirectory } from '../../db/repositories/localDirectory.js';
import { getResponseRules } from '../../db/repositories/responseRules.js';
import { getSerialRules } from '../../db/repositories/serialRules.js';
import { listSourceProducts } from '../../db/repositories/sourceProducts.js';
import { listRecentSyncRuns } from '../../db/repositories/syncRuns.js';
import { listUploads } from '../../db/repositories/uploads.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { companyOf } from '../middleware/require.js';
import { liveSyncView } from '../syncs/syncStatus.js';
import { isCompany, page } from '../web/pageGuard.js';
import { fillDays } from '../web/pages/DailyChart.js';
import { ProducerConsolePage, SYNC_STATES } from '../web/pages/ProducerConsole.js';
import { ProducerDirectoryPage } from '../web/pages/ProducerDirectory.js';
import { ProducerHistoryPage } from '../web/pages/ProducerHistory.js';
import { ProducerRulesPage } from '../web/pages/ProducerRules.js';
import { UploadTable } from '../web/pages/UploadTable.js';
import { getMasterDataRules } from '../../db/repositories/masterDataRules.js';
import { dayOf, dayRange } from '../web/dayRange.js';
import { renderPage } from '../web/render.js';
import { temporalWorkflowUrl } from '../web/temporalLink.js';

const PRODUCTS_SHOWN = 200;
const SYNCS_SHOWN = 20;
const UPLOADS_SHOWN = 10;
const DAY_MS = 86_400_000;
const MAX_CHART_DAYS = 92;
/** GET /v1/history answers at most 7 days per request. */
const DOWNLOAD_DAYS = 7;

const producerOnly = (v: Parameters<ReturnType<typeof isCompany>>[0]) =>
  isCompany(['producer'])(v) && v.kind === 'company' && !v.device;
const NEED = 'This console is for producers: sign in with a producer API key.';
/** The producer console's pages: products and syncs, history, directory records. */
export function producerPages(deps: ApiDeps) {
  const app = new Hono<AppEnv>();

  app.get(
    '/producer',
    page(producerOnly, NEED, async (c, viewer) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const state = c.req.query('syncState');
      const stateFilter = SYNC_STATES.find((s) => s === state);
      const runs = await listRecentSyncRuns(deps.db, SYNCS_SHOWN, company.id);
      const syncs = await Promise.all(
        runs.map(async (run) => {
          const view = await liveSyncView(deps, run);
          return { ...view, temporalUrl: temporalWorkflowUrl(deps.config, view.workflowId) };
        }),
      );
      const products = await listSourceProducts(deps.db, company.id, {
        limit: PRODUCTS_SHOWN,
        ...(stateFilter && { syncState: stateFilter }),
      });
      const serialSyncEnabled = (await getSerialRules(deps.db, company.id)).enabled;
      const uploads = await listUploads(deps.db, { companyId: company.id }, { limit: UPLOADS_SHOWN });
      return renderPage(
        c,
        <ProducerConsolePage
          viewer={viewer}
          syncs={syncs}
          products={products}
          productLimit={PRODUCTS_SHOWN}
          stateFilter={stateFilter}
          serialSyncEnabled={serialSyncEnabled}
          uploads={uploads}
          temporalBase={temporalWorkflowUrl(deps.config, '')}
        />,
      );
    }),
  );

  // The uploads table alone, for the console's script to refresh while an upload is read.
  app.get(
    '/producer/uploads',
    page(producerOnly, NEED, async (c) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const uploads = await listUploads(deps.db, { companyId: company.id }, { limit: UPLOADS_SHOWN });
      return renderPage(c, <UploadTable uploads={uploads} />);
    }),
  );

  app.get(
    '/producer/history',
    page(producerOnly, NEED, async (c, viewer) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const { from, toExclusive, error } = dayRange(deps.clock(), c.req.query('from'), c.req.query('to'), {
        defaultDays: 14,
        maxDays: MAX_CHART_DAYS,
      });
      const days = fillDays(from, toExclusive, await countVerificationsPerDay(deps.db, company.id, from, toExclusive));
      const downloads = [];
      for (let t = from.getTime(); t < toExclusive.getTime(); t += DOWNLOAD_DAYS * DAY_MS) {
        const end = new Date(Math.min(t + DOWNLOAD_DAYS * DAY_MS, toExclusive.getTime()));
        const start = new Date(t);
        const last = dayOf(new Date(end.getTime() - DAY_MS));
        downloads.push({
          from: start.toISOString(),
          to: end.toISOString(),
          label: dayOf(start) === last ? dayOf(start) : `${dayOf(start)} to ${last}`,
        });
      }
      return renderPage(
        c,
        <ProducerHistoryPage
          viewer={viewer}
          from={dayOf(from)}
          to={dayOf(new Date(toExclusive.getTime() - DAY_MS))}
          days={days}
          downloads={downloads}
          error={error}
        />,
      );
    }),
  );

  app.get(
    '/producer/rules',
    page(producerOnly, NEED, async (c, viewer) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const [rules, response, serials] = await Promise.all([
        getMasterDataRules(deps.db, company.id),
        getResponseRules(deps.db, company.id),
        getSerialRules(deps.db, company.id),
      ]);
      // The same documents GET /v1/rules/... answer, so what is shown is what PUT takes back.
      const json = (v: unknown) => JSON.stringify(v, null, 2);
      return renderPage(
        c,
        <ProducerRulesPage
          viewer={viewer}
          rulesJson={json({ include: rules.include ?? [], exclude: rules.exclude ?? [] })}
          responseJson={json({
            rules: response.rules,
            overrides: [...response.overrides].map(([gtin, r]) => ({ gtin, rules: r })),
          })}
          serialJson={json({ enabled: serials.enabled, include: serials.include ?? [] })}
        />,
      );
    }),
  );

  app.get(
    '/producer/directory',
    page(producerOnly, NEED, async (c, viewer) => {
      const { company } = companyOf(c.get('principal'), 'producer');
      const entries = await listProducerDirectory(deps.db, company.id, { limit: PRODUCTS_SHOWN });
      return renderPage(c, <ProducerDirectoryPage viewer={viewer} entries={entries} limit={PRODUCTS_SHOWN} />);
    }),
  );
  return app;
}
