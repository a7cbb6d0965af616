import { z } from '@hono/zod-openapi';
import { HistoryRangeQuery } from './history.js';

export const AtpExchangeQuerySchema = HistoryRangeQuery.extend({
  format: z
    .enum(['json', 'csv'])
    .optional()
    .openapi({ description: 'default: json, or csv when Accept names text/csv before application/json' }),
});

export const AtpExchangeSchema = z
  .object({
    at: z.string(),
    corrUUID: z.string().openapi({ description: "the verification's corrUUID: joins its history row" }),
    direction: z.enum(['outgoing', 'incoming']).openapi({
      description: 'outgoing: our consumer asked a partner; incoming: a request about our products',
    }),
    operation: z.enum(['generate', 'verify']),
    partnerId: z.string().nullable().openapi({ description: 'the partner VRS; null for our own callers' }),
    holderDID: z.string().nullable().openapi({ description: "the presentation's holder; null when never decoded" }),
    verifierDID: z.string().nullable(),
    result: z.enum(['ok', 'failed', 'error']).openapi({
      description: 'failed: the presentation was refused; error: the wallet gave no usable answer',
    }),
    errorCodes: z.array(z.string()),
    latencyMs: z
      .number()
      .nullable()
      .openapi({ description: 'the wallet call; null when the local pre-checks refused without one' }),
  })
  .openapi('AtpExchange');

export const AtpExchangeReportSchema = z
  .object({
    from: z.string(),
    to: z.string().openapi({ description: 'exclusive end of the range' }),
    truncated: z.boolean().openapi({ description: 'true when the range held more exchanges than one download' }),
    exchanges: z.array(AtpExchangeSchema),
  })
  .openapi('AtpExchangeReport');
