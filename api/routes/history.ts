import { z } from '@hono/zod-openapi';
import { readHistoryPage } from '../../db/repositories/history.js';
import { attachment } from '../attachment.js';
import type { ApiDeps } from '../deps.js';
import { historyFormats } from '../../domain/history/exportFormats.js';
import { historyExportStream } from '../history/exportStream.js';
import { historyScopeOf } from '../history/historyScope.js';
import { companyOf } from '../middleware/require.js';
import { negotiatedFormat } from '../negotiatedFormat.js';
import { forbidden, Problem } from '../problem.js';
import { createRouter } from '../router.js';
import { HISTORY_FORMATS, HistoryQuerySchema, HistoryRecordSchema } from '../schemas/history.js';
import { bearerAuth as security, createRoute } from '../schemas/openapi.js';

const MAX_RANGE_MS = 7 * 86_400_000;
const PAGE_SIZE = 5_000;
const text = { schema: { type: 'string' as const } };

const route = createRoute({
  method: 'get',
  path: '/v1/history',
  operationId: 'exportHistory',
  tags: ['producers', 'consumers'],
  summary: 'verification history for [from, to), at most 7 days, streamed',
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
    const scope = historyScopeOf(company, query, MAX_RANGE_MS, () => {
      const detail =
        'the range may span at most 7 days; for a longer range start a background export with POST /v1/exports (the same fields in a JSON body)';
      return new Problem(400, 'Bad Request', detail, {
        errors: [{ path: 'to', message: detail }],
        export: { method: 'POST', href: '/v1/exports' },
      });
    });

    // The first page is read before answering, so a failing database is still a clean 500.
    const first = await readHistoryPage(deps.db, scope, undefined, PAGE_SIZE);
    const formatName = negotiatedFormat(query.format, c.req.header('accept'), HISTORY_FORMATS, 'json');
    const format = historyFormats[formatName];
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
    const filename = `history-${scope.from.toISOString().slice(0, 10)}.${formatName}`;
    return attachment(body, { contentType: format.contentType, filename, cacheControl: 'private, no-store' });
  });
}
