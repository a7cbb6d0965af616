import { z } from '@hono/zod-openapi';
import { readHistoryPage, type HistoryScope } from '../../db/repositories/history.js';
import type { ApiDeps } from '../deps.js';
import { historyRange } from '../../domain/history/range.js';
import { historyFormats } from '../history/exportFormats.js';
import { historyExportStream } from '../history/exportStream.js';
import { companyOf } from '../middleware/require.js';
import { badRequest, forbidden } from '../problem.js';
import { createRouter } from '../router.js';
import { HistoryQuerySchema, HistoryRecordSchema } from '../schemas/history.js';
import { bearerAuth as security, createRoute } from '../schemas/openapi.js';

const MAX_RANGE_MS = 7 * 86_400_000;
const PAGE_SIZE = 5_000;
const text = { schema: { type: 'string' as const } };

const route = createRoute({
  method: 'get',
  path: '/v1/history',
  operationId: 'exportHistory',
  tags: ['producers', 'consumers'],
  summary: 'verification history for [from, to), streamed',
  security,
  request: { query: HistoryQuerySchema },
  responses: {
    200: {
      description: 'producers: verifications of their products; consumers: their own requests. Ordered by verifiedAt.',
      content: {
        'application/json': { schema: z.array(HistoryRecordSchema) },
        'application/x-ndjson': text,
        'text/csv': text,
      },
    },
  },
});

/** Streams a tenant's history page by page (constant memory); other tenants' rows are never read. */
export function historyRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { company, deviceId } = companyOf(c.get('principal'));
    if (deviceId) throw forbidden('history is exported with the company API key, not a device token');
    const query = c.req.valid('query');
    const { from, to } = historyRange(query.from, query.to);
    if (!to)
      throw badRequest([
        { path: 'to', message: 'required when from is an instant (a date alone means that whole day)' },
      ]);
    if (to <= from) throw badRequest([{ path: 'to', message: 'must be after from' }]);
    if (to.getTime() - from.getTime() > MAX_RANGE_MS)
      throw badRequest([{ path: 'to', message: 'the range may span at most 7 days' }]);
    const side = query.role ?? (company.roles.includes('producer') ? 'producer' : 'consumer');
    if (!company.roles.includes(side)) throw forbidden(`your company is not a ${side}`);

    const scope: HistoryScope = { side, companyId: company.id, from, to };
    // The first page is read before answering, so a failing database is still a clean 500.
    const first = await readHistoryPage(deps.db, scope, undefined, PAGE_SIZE);
    const format = historyFormats[query.format];
    const body = historyExportStream(
      format,
      first,
      (after) => readHistoryPage(deps.db, scope, after, PAGE_SIZE),
      (err) =>
        deps.log.error(
          { err, requestId: c.get('requestId'), companyId: company.id },
          'history export failed mid-stream',
        ),
    );
    const filename = `history-${from.toISOString().slice(0, 10)}.${query.format}`;
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': format.contentType,
        'cache-control': 'private, no-store',
        'content-disposition': `attachment; filename="${filename}"`,
      },
    });
  });
}
