import { createRoute } from '@hono/zod-openapi';
import { findCompanyById } from '../../db/repositories/companies.js';
import type { ValidationContext } from '../../domain/masterData/validate.js';
import { parseGdsn } from '../../ingest/gdsn.js';
import { parseProductCsv, parseProductJson } from '../../ingest/productRecords.js';
import type { ProductRow } from '../../ingest/rows.js';
import type { ByteSource } from '../../ingest/source.js';
import type { ApiDeps } from '../deps.js';
import { storeProductUpload } from '../masterData/storeUpload.js';
import { companyOf } from '../middleware/require.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, jsonContent } from '../schemas/openapi.js';
import { documentProblem } from '../uploads/documentProblem.js';
import { parserFor, streamedBody, uploadReportSchema } from '../uploads/uploadContent.js';
import { limitedBody } from '../uploads/uploadBody.js';

type Parser = (source: ByteSource, ctx: ValidationContext) => AsyncIterable<ProductRow>;

const PARSERS: Record<string, Parser> = {
  'application/json': parseProductJson,
  'application/xml': parseGdsn,
  'text/xml': parseGdsn,
  'text/csv': parseProductCsv,
};

const Report = uploadReportSchema('UploadReport', 'products stored');

const route = createRoute({
  method: 'post',
  path: '/v1/master-data',
  tags: ['producers'],
  security,
  request: {
    body: {
      required: true,
      content: {
        'application/json': streamedBody('a JSON array of product records (at most 8 MiB)'),
        'application/xml': streamedBody('a GDSN Catalogue Item Notification (streamed, at most 100 MiB; no DOCTYPE)'),
        'text/csv': streamedBody('RFC 4180 CSV with a header row of product field names (streamed, at most 100 MiB)'),
      },
    },
  },
  responses: { 200: jsonContent(Report, 'per-row report; accepted rows are stored in the source store') },
});

export function masterDataUploadRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { company: caller } = companyOf(c.get('principal'), 'producer');
    const { essence, parser } = parserFor(c.req.header('content-type'), PARSERS, 'application/json, application/xml or text/csv');
    // Prefixes are read fresh: the credential cache may hold the company for a few seconds.
    const company = (await findCompanyById(deps.db, caller.id)) ?? caller;
    const rows = parser(limitedBody(c.req.raw.body), { companyPrefixes: company.companyPrefixes });
    try {
      return c.json(await storeProductUpload(deps.db, { companyId: company.id, contentType: essence }, rows), 200);
    } catch (error) {
      throw documentProblem(error) ?? error;
    }
  });
}
