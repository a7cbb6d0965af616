import { z } from '@hono/zod-openapi';
import { parseGdsn } from '../../ingest/gdsn.js';
import { givingWay } from '../../ingest/givingWay.js';
import { parseProductCsv, parseProductJson, type ProductParseOptions } from '../../ingest/productRecords.js';
import type { ProductRow } from '../../ingest/rows.js';
import type { ByteSource } from '../../ingest/source.js';
import type { ApiDeps } from '../deps.js';
import { MAX_REPORTED_WITHDRAWALS, storeProductUpload } from '../masterData/storeUpload.js';
import { createRouter } from '../router.js';
import { jsonRecordsBody, PRODUCT_CSV_HEADER, ProductRecordSchema } from '../schemas/uploadRecords.js';
import { runUpload } from '../uploads/runUpload.js';
import { uploadOf, uploadRoute } from '../uploads/uploadRoute.js';

type Parser = (source: ByteSource, opts: ProductParseOptions) => AsyncIterable<ProductRow>;

const PARSERS: Record<string, Parser> = {
  'application/json': parseProductJson,
  'application/xml': parseGdsn,
  'text/xml': parseGdsn,
  'text/csv': parseProductCsv,
};

const route = uploadRoute({
  path: '/v1/master-data',
  summary: 'upload product master data (GDSN XML, JSON or CSV)',
  operationId: 'uploadMasterData',
  reportName: 'UploadReport',
  accepted: 'products stored',
  report: {
    wouldWithdraw: z.number().int().openapi({
      description:
        'products live in the network that this upload changes so that the next sync withdraws them (no US target market, or no longer selected by the rules)',
    }),
    withdrawals: z.array(z.object({ row: z.number().int(), gtin: z.string(), reason: z.string() })).openapi({
      description: `the first ${MAX_REPORTED_WITHDRAWALS.toLocaleString('en-US')} of them, with the reason the sync will give`,
    }),
  },
  bodies: {
    'application/json': jsonRecordsBody(ProductRecordSchema, 'a JSON array of product records (at most 8 MiB)'),
    'application/xml': 'a GDSN Catalogue Item Notification (streamed; no DOCTYPE)',
    'text/csv': `RFC 4180 CSV, UTF-8, with a header row naming its columns in any order (streamed): ${PRODUCT_CSV_HEADER}; targetMarkets separated by ;`,
  },
  answer: 'per-row report; accepted rows are stored in the source store (not on a dry run)',
});

export function masterDataUploadRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { dryRun } = c.req.valid('query');
    const { companyId, company, essence, parser, limits } = uploadOf(c, deps, PARSERS);
    const answer = await runUpload(c, deps, {
      owner: { companyId },
      kind: 'master-data',
      contentType: essence,
      dryRun,
      store: async (body, tally) => {
        const { companyPrefixes } = await company;
        return storeProductUpload(
          deps.db,
          { companyId, companyPrefixes, dryRun },
          givingWay(parser(body, { ctx: { companyPrefixes }, ...limits })),
          tally,
        );
      },
      settle: async (report) => deps.metrics.upload('master_data', dryRun, report),
    });
    return answer.status === 202 ? c.json(answer.accepted, 202) : c.json(answer.report, 200);
  });
}
