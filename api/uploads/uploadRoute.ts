import type { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { findCompanyById, type Company } from '../../db/repositories/companies.js';
import type { CsvLimits } from '../../ingest/csvError.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { ownBodyLimit } from '../middleware/jsonBodyLimit.js';
import { companyOf } from '../middleware/require.js';
import { bearerAuth as security, createRoute, jsonContent, problems } from '../schemas/openapi.js';
import type { jsonRecordsBody } from '../schemas/uploadRecords.js';
import {
  parserFor,
  streamedBody,
  uploadAcceptedSchema,
  uploadQuerySchema,
  uploadReportSchema,
} from './uploadContent.js';

/**
 * A producer upload's POST route: a streamed body in one of `bodies` (type -> description, or the
 * documented records of a JSON array), answered with a per-row report.
 */
export function uploadRoute<E extends z.ZodRawShape>(options: {
  path: string;
  summary: string;
  operationId: string;
  reportName: string;
  accepted: string;
  report: E;
  bodies: Record<string, string | ReturnType<typeof jsonRecordsBody>>;
  answer: string;
}) {
  const content = Object.fromEntries(
    Object.entries(options.bodies).map(([type, body]) => [type, typeof body === 'string' ? streamedBody(body) : body]),
  );
  return createRoute({
    method: 'post',
    path: options.path,
    summary: options.summary,
    operationId: options.operationId,
    tags: ['producers'],
    security,
    middleware: [ownBodyLimit] as const,
    request: { query: uploadQuerySchema, body: { required: true, content } },
    responses: {
      200: jsonContent(uploadReportSchema(options.reportName, options.accepted, options.report), options.answer),
      202: jsonContent(
        uploadAcceptedSchema,
        'a body over UPLOAD_BACKGROUND_BYTES (default 5 MB; its Content-Length, or a chunked body once it has arrived) is parsed in the background: watch GET /v1/uploads/{id}',
      ),
      ...problems(413, 415, 422),
    },
  });
}

/** The limits every parser is given, from the configuration. */
export interface UploadLimits {
  csvLimits: CsvLimits;
  xmlMaxElementChars: number;
}

/**
 * Who uploads (a producer, read fresh: the credential cache may hold the company, and its
 * prefixes, for a few seconds), the parser for the body's Content-Type (415 otherwise), and
 * the limits of the parsers. The company is read while the upload is recorded, one round trip
 * less before the first row: only the store needs its prefixes.
 */
export function uploadOf<P>(
  c: Context<AppEnv>,
  deps: Pick<ApiDeps, 'db' | 'config'>,
  parsers: Readonly<Record<string, P>>,
): { companyId: string; company: Promise<Company>; essence: string; parser: P; limits: UploadLimits } {
  const { company: caller } = companyOf(c.get('principal'), 'producer');
  const { essence, parser } = parserFor(
    c.req.header('content-type'),
    parsers,
    Object.keys(parsers)
      .filter((t) => t !== 'text/xml')
      .join(', '),
  );
  const company = findCompanyById(deps.db, caller.id).then((found) => found ?? caller);
  // Awaited by the store, where a failure is the upload's; unawaited when recording it failed first.
  company.catch(() => {});
  const limits = {
    csvLimits: {
      maxColumns: deps.config.UPLOAD_CSV_MAX_COLUMNS,
      maxFieldChars: deps.config.UPLOAD_CSV_MAX_FIELD_CHARS,
    },
    xmlMaxElementChars: deps.config.UPLOAD_XML_MAX_ELEMENT_CHARS,
  };
  return { companyId: caller.id, company, essence, parser, limits };
}
