import { createRoute, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { readHistoryPage, type HistoryCursor } from '../../db/repositories/history.js';
import type { ApiDeps } from '../deps.js';
import { exportFormats } from '../history/exportFormats.js';
import { companyOf } from '../middleware/require.js';
import { badRequest, forbidden } from '../problem.js';
import { createRouter } from '../router.js';
import { bearerAuth as security } from '../schemas/openapi.js';

const MAX_RANGE_MS = 7 * 86_400_000;
const PAGE = 5_000;

const Query = z.object({
  from: z.string().datetime({ offset: true }),
  to: z.string().datetime({ offset: true }),
  format: z.enum(['json', 'ndjson', 'csv']).default('json'),
  role: z.enum(['producer', 'consumer']).optional(),
});

const route = createRoute({
  method: 'get',
  path: '/v1/history',
  tags: ['producers', 'consumers'],
  security,
  request: { query: Query },
  responses: { 200: { description: 'verifications in [from, to), streamed as JSON array, NDJSON or CSV' } },
});

/** Producers download verifications of their products; consumers their own requests. Constant memory. */
export function historyRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { company } = companyOf(c.get('principal'));
    const query = c.req.valid('query');
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from) throw badRequest([{ path: 'to', message: 'must be after from' }]);
    if (to.getTime() - from.getTime() > MAX_RANGE_MS) throw badRequest([{ path: 'to', message: 'the range may span at most 7 days' }]);
    const side = query.role ?? (company.roles.includes('producer') ? 'producer' : 'consumer');
    if (!company.roles.includes(side)) throw forbidden(`your company is not a ${side}`);

    const format = exportFormats[query.format];
    c.header('Content-Type', format.contentType);
    c.header('Cache-Control', 'private, no-store');
    return stream(c, async (out) => {
      await out.write(format.start);
      let cursor: HistoryCursor | undefined;
      for (let first = true; ; first = false) {
        const rows = await readHistoryPage(deps.db, { side, companyId: company.id }, { from, to }, cursor, PAGE);
        if (rows.length) await out.write(format.page(rows, first));
        if (rows.length < PAGE) break;
        const last = rows[rows.length - 1]!;
        cursor = { verifiedAt: last.verified_at, id: last.id };
      }
      await out.write(format.end);
    });
  });
}
