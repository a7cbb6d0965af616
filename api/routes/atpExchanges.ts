import { listAtpExchanges } from '../../db/repositories/atpExchanges.js';
import { atpExchangeCsv, atpExchangeJson } from '../../domain/atp/exchangeReport.js';
import { attachment } from '../attachment.js';
import type { ApiDeps } from '../deps.js';
import { boundedRange } from '../history/boundedRange.js';
import { companyOf } from '../middleware/require.js';
import { negotiatedFormat } from '../negotiatedFormat.js';
import { badRequest, forbidden } from '../problem.js';
import { createRouter } from '../router.js';
import { AtpExchangeQuerySchema, AtpExchangeReportSchema } from '../schemas/atpExchanges.js';
import { bearerAuth as security, createRoute, jsonContent } from '../schemas/openapi.js';

const MAX_RANGE_MS = 7 * 86_400_000;
/** Two to four exchanges per credentialed verification: a busy producer's day fits. */
const MAX_EXCHANGES = 100_000;

const route = createRoute({
  method: 'get',
  path: '/v1/history/atp',
  operationId: 'exportAtpExchanges',
  tags: ['producers', 'consumers'],
  summary: 'ATP audit trail: every wallet call made for the company in [from, to), at most 7 days',
  security,
  request: { query: AtpExchangeQuerySchema },
  responses: {
    200: {
      content: {
        ...jsonContent(AtpExchangeReportSchema, '').content,
        'text/csv': { schema: { type: 'string' as const } },
      },
      description:
        'per exchange: corrUUID, direction, generate or verify, partner, DIDs, result, error codes, latency; ordered by time. CSV: at,corrUUID,direction,operation,partnerId,holderDID,verifierDID,result,errorCodes,latencyMs',
    },
  },
});

/**
 * The exchanges behind the history's `atp` column, read from atp_exchanges apart from the history
 * query so that a history download pays nothing for ATP.
 */
export function atpExchangeRoutes(deps: ApiDeps) {
  return createRouter().openapi(route, async (c) => {
    const { company, deviceId } = companyOf(c.get('principal'));
    if (deviceId) throw forbidden('the ATP audit trail is exported with the company API key, not a device token');
    const query = c.req.valid('query');
    const { from, to } = boundedRange(query, MAX_RANGE_MS, () =>
      badRequest([{ path: 'to', message: 'the range may span at most 7 days' }]),
    );
    const exchanges = await listAtpExchanges(deps.db, { companyId: company.id, from, to }, MAX_EXCHANGES + 1);
    const truncated = exchanges.length > MAX_EXCHANGES;
    if (truncated) exchanges.length = MAX_EXCHANGES;
    if (negotiatedFormat(query.format, c.req.header('accept'), ['json', 'csv'], 'json') === 'csv')
      return attachment(atpExchangeCsv(exchanges), {
        contentType: 'text/csv; charset=utf-8',
        filename: `atp-exchanges-${from.toISOString().slice(0, 10)}.csv`,
        cacheControl: 'private, no-store',
      });
    const body = {
      from: from.toISOString(),
      to: to.toISOString(),
      truncated,
      exchanges: exchanges.map(atpExchangeJson),
    };
    return c.json(body, 200);
  });
}
