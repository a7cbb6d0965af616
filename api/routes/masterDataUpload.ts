import { createRoute, z } from '@hono/zod-openapi';
import { findCompanyById } from '../../db/repositories/companies.js';
import type { ValidationContext } from '../../domain/masterData/validate.js';
import { CsvInputError } from '../../ingest/csv.js';
import { parseGdsn } from '../../ingest/gdsn.js';
import { JsonInputError } from '../../ingest/jsonArray.js';
import { parseProductCsv, parseProductJson } from '../../ingest/productRecords.js';
import type { ProductRow } from '../../ingest/rows.js';
import { InputTooLargeError, type ByteSource } from '../../ingest/source.js';
import { XmlInputError } from '../../ingest/xmlError.js';
import type { ApiDeps } from '../deps.js';
import { limitedBody, payloadTooLarge } from '../masterData/uploadBody.js';
import { storeProductUpload } from '../masterData/storeUpload.js';
import { companyOf } from '../middleware/require.js';
import { badRequest, Problem } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, jsonContent } from '../schemas/openapi.js';

type Parser = (source: ByteSource, ctx: ValidationContext) => AsyncIterable<ProductRow>;

const PARSERS: Record<string, Parser> = {
  'application/json': parseProductJson,
  'application/xml': parseGdsn,
  'text/xml': parseGdsn,
  'text/csv': parseProductCsv,
};

const Report = z
  .object({
    uploadId: z.string().uuid(),
    accepted: z.number().int(),
    rejected: z.array(z.object({ row: z.number().int(), errors: z.array(z.object({ path: z.string(), message: z.string() })) })),
    rejectedCount: z.number().int().openapi({ description: 'exact; `rejected` lists at most the first 10,000' }),
  })
  .openapi('UploadReport');

// Bodies are described, not validated here: they stream into the parsers, which report per row.
const body = (description: string) => ({ schema: { type: 'string' as const, description } });
const route = createRoute({
  method: 'post',
  path: '/v1/master-data',
  tags: ['producers'],
  security,
  request: {
    body: {
      required: true,
      content: {
        'application/json': body('a JSON array of product records (at most 8 MiB)'),
        'application/xml': body('a GDSN Catalogue Item Notification (streamed, at most 100 MiB; no DOCTYPE)'),
        'text/csv': body('RFC 4180 CSV with a header row of product field names (streamed, at most 100 MiB)'),
      },
    },
  },
  responses: { 200: jsonContent(Report, 'per-row report; accepted rows are stored in the source store') },
});

/** A document that cannot be read as a whole is refused whole: nothing of it is stored. */
function documentProblem(error: unknown): Problem | undefined {
  if (error instanceof XmlInputError) return badRequest([{ path: 'body', message: error.message, line: error.line, column: error.column }]);
  if (error instanceof CsvInputError || error instanceof JsonInputError) return badRequest([{ path: 'body', message: error.message }]);
  if (error instanceof InputTooLargeError) return payloadTooLarge(error.limitBytes);
  // TextDecoder with `fatal`: the bytes are not UTF-8.
  if (error instanceof TypeError && (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
    return badRequest([{ path: 'body', message: 'the body is not valid UTF-8' }]);
  }
  return undefined;
}

export function masterDataUploadRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { company: caller } = companyOf(c.get('principal'), 'producer');
    const [essence = '', ...params] = (c.req.header('content-type') ?? '').split(';').map((s) => s.trim().toLowerCase());
    const parser = PARSERS[essence];
    if (!parser) throw new Problem(415, 'Unsupported Media Type', `send application/json, application/xml or text/csv, not "${essence || 'nothing'}"`);
    const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new Problem(415, 'Unsupported Media Type', 'only UTF-8 is accepted');
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
