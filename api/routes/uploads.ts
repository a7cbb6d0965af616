import { stringify } from 'csv-stringify/sync';
import { listUploadErrors } from '../../db/repositories/uploadErrors.js';
import { failStaleUploads } from '../../db/repositories/uploadHeartbeat.js';
import { findUpload, listUploads, type UploadScope } from '../../db/repositories/uploads.js';
import { attachment } from '../attachment.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { companyOf } from '../middleware/require.js';
import { notFound, unauthorized } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';
import { UploadIdParams, UploadListQuery, UploadPageSchema, UploadSchema, uploadJson } from '../schemas/uploads.js';

const tags = ['producers', 'operators'];
const list = createRoute({
  method: 'get',
  path: '/v1/uploads',
  summary: 'list uploads, newest first',
  operationId: 'listUploads',
  tags,
  security,
  request: { query: UploadListQuery },
  responses: {
    200: jsonContent(
      UploadPageSchema,
      "a producer's master data and serial uploads; for the operator, the partners' directory uploads",
    ),
  },
});
const get = createRoute({
  method: 'get',
  path: '/v1/uploads/{id}',
  summary: 'read an upload: status, progress and report',
  operationId: 'getUpload',
  tags,
  security,
  request: { params: UploadIdParams },
  responses: { 200: jsonContent(UploadSchema, 'the upload, with its progress while it is read') },
});
const errorsCsv = createRoute({
  method: 'get',
  path: '/v1/uploads/{id}/errors.csv',
  summary: "download an upload's rejected rows as CSV",
  operationId: 'getUploadErrors',
  tags,
  security,
  request: { params: UploadIdParams },
  responses: {
    200: {
      description:
        'row,gtin,serial,column,message: one line per error of each rejected row (the first 10,000 rows), named by Content-Disposition',
      content: { 'text/csv': { schema: { type: 'string' as const } } },
    },
  },
});

/** A producer sees its own uploads; the operator the directory uploads it made for partners. */
function scopeOf(principal: AppEnv['Variables']['principal']): UploadScope {
  if (principal?.kind === 'operator') return { directory: true };
  if (!principal) throw unauthorized();
  return { companyId: companyOf(principal, 'producer').company.id };
}

/** A spreadsheet runs a cell that starts like a formula; what a row said is shown, never run. */
const inert = (cell: string | null) => (cell !== null && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : (cell ?? ''));

export function uploadRoutes(deps: ApiDeps) {
  // Whoever looks at uploads sees none left `running` by a process that died.
  const sweep = () => failStaleUploads(deps.db, deps.config.UPLOAD_STALE_MS);
  const found = async (principal: AppEnv['Variables']['principal'], id: string) => {
    await sweep();
    const upload = await findUpload(deps.db, scopeOf(principal), id);
    if (!upload) throw notFound(`no upload ${id}`);
    return upload;
  };
  return createRouter()
    .openapi(list, async (c) => {
      const { cursor, limit } = c.req.valid('query');
      await sweep();
      const uploads = await listUploads(deps.db, scopeOf(c.get('principal')), { before: cursor, limit });
      const last = uploads.at(-1);
      return c.json(
        { items: uploads.map(uploadJson), nextCursor: uploads.length === limit && last ? last.id : null },
        200,
      );
    })
    .openapi(get, async (c) => c.json(uploadJson(await found(c.get('principal'), c.req.valid('param').id)), 200))
    .openapi(errorsCsv, async (c) => {
      const upload = await found(c.get('principal'), c.req.valid('param').id);
      const lines = await listUploadErrors(deps.db, upload.id);
      const csv = stringify(
        [
          ['row', 'gtin', 'serial', 'column', 'message'],
          ...lines.map((l) => [String(l.row), inert(l.gtin), inert(l.serial), inert(l.column), inert(l.message)]),
        ],
        { record_delimiter: '\r\n' },
      );
      return attachment(csv, {
        contentType: 'text/csv; charset=utf-8',
        filename: `upload-${upload.id}-errors.csv`,
        cacheControl: 'private, no-store',
      });
    });
}
