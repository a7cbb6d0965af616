import { z } from '@hono/zod-openapi';
import {
  createHistoryExport,
  findHistoryExport,
  readHistoryExportChunk,
  type HistoryExport,
} from '../../db/repositories/historyExports.js';
import { historyFormats } from '../../domain/history/exportFormats.js';
import { attachment } from '../attachment.js';
import type { ApiDeps } from '../deps.js';
import { historyScopeOf } from '../history/historyScope.js';
import { launchHistoryExport } from '../../launchers/historyExport.js';
import { companyOf } from '../middleware/require.js';
import { badRequest, conflict, forbidden, notFound } from '../problem.js';
import { createRouter } from '../router.js';
import { ExportRequestSchema } from '../schemas/history.js';
import { bearerAuth as security, createRoute, jsonBody, jsonContent } from '../schemas/openapi.js';

const MAX_EXPORT_DAYS = 366;
const DAY_MS = 86_400_000;

const ExportSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'completed', 'failed']),
    format: z.enum(['json', 'ndjson', 'csv']),
    from: z.string(),
    to: z.string(),
    role: z.enum(['producer', 'consumer']),
    filters: z.object({
      gtin: z.string().optional(),
      verified: z.boolean().optional(),
      requestor: z.string().optional(),
      atp: z.enum(['ok', 'failed']).optional(),
    }),
    rows: z.number().openapi({ description: 'rows written so far; all of them once completed' }),
    bytes: z.number(),
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    download: z.string().nullable().openapi({ description: 'where to download it, once completed' }),
  })
  .openapi('HistoryExport');
const IdParams = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const create = createRoute({
  method: 'post',
  path: '/v1/exports',
  summary: 'start a background export of verification history (ranges longer than 7 days)',
  operationId: 'createExport',
  tags: ['producers', 'consumers'],
  security,
  request: {
    body: jsonBody(ExportRequestSchema, `the fields of GET /v1/history, a range of up to ${MAX_EXPORT_DAYS} days`),
  },
  responses: { 202: jsonContent(ExportSchema, 'accepted: the export runs in the background; poll its status') },
});
const get = createRoute({
  method: 'get',
  path: '/v1/exports/{id}',
  summary: 'read an export: status and rows written',
  operationId: 'getExport',
  tags: ['producers', 'consumers'],
  security,
  request: { params: IdParams },
  responses: { 200: jsonContent(ExportSchema, 'the export') },
});
const text = { schema: { type: 'string' as const } };
const download = createRoute({
  method: 'get',
  path: '/v1/exports/{id}/download',
  summary: 'download a completed export',
  operationId: 'downloadExport',
  tags: ['producers', 'consumers'],
  security,
  request: { params: IdParams },
  responses: {
    200: {
      description: 'the export file, named by Content-Disposition',
      content: { 'application/json': text, 'application/x-ndjson': text, 'text/csv': text },
    },
    409: {
      description: 'the export is still running or failed: `detail` says which',
      content: {
        'application/problem+json': { schema: z.object({ title: z.string(), status: z.number(), detail: z.string() }) },
      },
    },
  },
});

const exportJson = (e: HistoryExport) => ({
  id: e.id,
  status: e.status,
  format: e.format,
  from: e.scope.from.toISOString(),
  to: e.scope.to.toISOString(),
  role: e.scope.side,
  filters: {
    ...(e.scope.gtin !== undefined && { gtin: e.scope.gtin }),
    ...(e.scope.verified !== undefined && { verified: e.scope.verified }),
    ...(e.scope.requestorGln !== undefined && { requestor: e.scope.requestorGln }),
    ...(e.scope.atp !== undefined && { atp: e.scope.atp }),
  },
  rows: e.rows,
  bytes: e.bytes,
  error: e.error,
  createdAt: e.createdAt.toISOString(),
  finishedAt: e.finishedAt?.toISOString() ?? null,
  download: e.status === 'completed' ? `/v1/exports/${e.id}/download` : null,
});

const fileName = (e: HistoryExport) =>
  `history-${e.scope.from.toISOString().slice(0, 10)}-to-${e.scope.to.toISOString().slice(0, 10)}.${e.format}`;

/** Background history exports: a Temporal workflow writes the file into PostgreSQL; the company downloads it. */
export function exportRoutes(deps: ApiDeps) {
  const caller = (principal: Parameters<typeof companyOf>[0]) => {
    const { company, deviceId } = companyOf(principal);
    if (deviceId) throw forbidden('history is exported with the company API key, not a device token');
    return company;
  };
  const own = async (principal: Parameters<typeof companyOf>[0], id: string) => {
    const found = await findHistoryExport(deps.db, caller(principal).id, id);
    if (!found) throw notFound(`no export ${id}`);
    return found;
  };

  return createRouter()
    .openapi(create, async (c) => {
      const company = caller(c.get('principal'));
      const body = c.req.valid('json');
      const scope = historyScopeOf(company, body, MAX_EXPORT_DAYS * DAY_MS, () =>
        badRequest([{ path: 'to', message: `an export may span at most ${MAX_EXPORT_DAYS} days: split the range` }]),
      );
      const created = await createHistoryExport(deps.db, scope, body.format);
      await launchHistoryExport(deps, company.id, created.id);
      c.header('location', `/v1/exports/${created.id}`);
      return c.json(exportJson(created), 202);
    })
    .openapi(get, async (c) => c.json(exportJson(await own(c.get('principal'), c.req.valid('param').id)), 200))
    .openapi(download, async (c) => {
      const found = await own(c.get('principal'), c.req.valid('param').id);
      if (found.status !== 'completed')
        throw conflict(
          found.status === 'failed'
            ? `export ${found.id} failed: ${found.error ?? 'no reason recorded'}; start a new one`
            : `export ${found.id} is still running (${found.rows} rows so far); download it once GET /v1/exports/${found.id} says completed`,
          { exportStatus: found.status },
        );
      // One chunk in memory at a time, read when the client has taken the previous one.
      let seq = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const chunk = seq < found.chunks ? await readHistoryExportChunk(deps.db, found.id, seq++) : undefined;
          if (chunk) controller.enqueue(new Uint8Array(chunk));
          else controller.close();
        },
      });
      return attachment(body, {
        contentType: historyFormats[found.format].contentType,
        filename: fileName(found),
        cacheControl: 'private, no-store',
      });
    });
}
