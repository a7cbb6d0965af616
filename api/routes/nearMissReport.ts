import { countNearMisses, MAX_GROUPS, nearMissExamples } from '../../db/repositories/nearMissReport.js';
import { nearMissCsv, summarizeNearMisses } from '../../domain/verification/nearMissReport.js';
import { attachment } from '../attachment.js';
import type { ApiDeps } from '../deps.js';
import { boundedRange } from '../history/boundedRange.js';
import { companyOf } from '../middleware/require.js';
import { requireCompany } from '../middleware/requireCompany.js';
import { negotiatedFormat } from '../negotiatedFormat.js';
import { badRequest } from '../problem.js';
import { createRouter } from '../router.js';
import { NearMissQuerySchema, NearMissReportSchema } from '../schemas/nearMissReport.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';

const MAX_RANGE_MS = 92 * 86_400_000;

const route = createRoute({
  method: 'get',
  path: '/v1/reports/near-misses',
  operationId: 'reportNearMisses',
  tags: ['producers'],
  summary: 'not-verified answers a near match explains, per kind, GTIN and requestor',
  security,
  middleware: [requireCompany('producer')],
  request: { query: NearMissQuerySchema },
  responses: {
    200: {
      content: {
        ...jsonContent(NearMissReportSchema, '').content,
        'text/csv': { schema: { type: 'string' as const } },
      },
      description:
        "near misses of the producer's products in the range; CSV: one line per kind, GTIN and requestor (kind,gtin,requestorGLN,requestorCompany,count,lastSeen)",
    },
  },
});

/** Which partners' scanners or systems mangle identifiers: the producer's own history, grouped. */
export function nearMissReportRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { company } = companyOf(c.get('principal'), 'producer');
    const query = c.req.valid('query');
    const { from, to } = boundedRange(query, MAX_RANGE_MS, () =>
      badRequest([{ path: 'to', message: 'the report spans at most 92 days' }]),
    );
    const range = { producerCompanyId: company.id, from, to };
    const groups = await countNearMisses(deps.db, range);
    const truncated = groups.length > MAX_GROUPS;
    if (truncated) groups.length = MAX_GROUPS;
    if (negotiatedFormat(query.format, c.req.header('accept'), ['json', 'csv'], 'json') === 'csv')
      return attachment(nearMissCsv(groups), {
        contentType: 'text/csv; charset=utf-8',
        filename: `near-misses-${query.from}.csv`,
        cacheControl: 'private, no-store',
      });
    const examples = await nearMissExamples(deps.db, range);
    const report = summarizeNearMisses(groups, examples);
    return c.json({ from: from.toISOString(), to: to.toISOString(), truncated, ...report }, 200);
  });
}
