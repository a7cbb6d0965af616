import type { ValidationContext } from '../../domain/masterData/validate.js';
import { parseGdsn } from '../../ingest/gdsn.js';
import { parseProductCsv, parseProductJson } from '../../ingest/productRecords.js';
import type { ProductRow } from '../../ingest/rows.js';
import type { ByteSource } from '../../ingest/source.js';
import type { ApiDeps } from '../deps.js';
import { storeProductUpload } from '../masterData/storeUpload.js';
import { createRouter } from '../router.js';
import { documentProblem } from '../uploads/documentProblem.js';
import { limitedBody } from '../uploads/uploadBody.js';
import { uploadOf, uploadRoute } from '../uploads/uploadRoute.js';

type Parser = (source: ByteSource, ctx: ValidationContext) => AsyncIterable<ProductRow>;

const PARSERS: Record<string, Parser> = {
  'application/json': parseProductJson,
  'application/xml': parseGdsn,
  'text/xml': parseGdsn,
  'text/csv': parseProductCsv,
};

const route = uploadRoute({
  path: '/v1/master-data',
  reportName: 'UploadReport',
  accepted: 'products stored',
  bodies: {
    'application/json': 'a JSON array of product records (at most 8 MiB)',
    'application/xml': 'a GDSN Catalogue Item Notification (streamed, at most 100 MiB; no DOCTYPE)',
    'text/csv': 'RFC 4180 CSV with a header row of product field names (streamed, at most 100 MiB)',
  },
  answer: 'per-row report; accepted rows are stored in the source store',
});

export function masterDataUploadRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { company, essence, parser } = await uploadOf(c, deps, PARSERS);
    const rows = parser(limitedBody(c.req.raw.body), { companyPrefixes: company.companyPrefixes });
    try {
      return c.json(await storeProductUpload(deps.db, { companyId: company.id, contentType: essence }, rows), 200);
    } catch (error) {
      throw documentProblem(error) ?? error;
    }
  });
}
