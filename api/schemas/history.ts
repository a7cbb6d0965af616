import { z } from '@hono/zod-openapi';

// A date alone is a whole UTC day (domain/history/range.ts), so `from=2026-12-03` is that day's history.
const instantOrDate = (description: string, example: string) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant with its offset',
    })
    .openapi({ description, example });

export const HistoryQuerySchema = z.object({
  from: instantOrDate(
    'start of the range, inclusive: an ISO 8601 instant, or a date (YYYY-MM-DD) for its UTC midnight',
    '2026-11-18T00:00:00Z',
  ),
  to: instantOrDate(
    'end of the range, exclusive; a date includes its whole UTC day; at most 7 days after from. May be left out when from is a date: that one day',
    '2026-11-25T00:00:00Z',
  ).optional(),
  format: z.enum(['json', 'ndjson', 'csv']).default('json'),
  role: z.enum(['producer', 'consumer']).optional().openapi({
    description:
      'for a company with both roles: verifications of its products (producer, the default) or its own requests (consumer)',
  }),
});

/** One exported verification; the CSV header uses the same names in this order (data-formats.md). */
export const HistoryRecordSchema = z
  .object({
    verifiedAt: z.string(),
    channel: z.enum(['api', 'web', 'device', 'peer']),
    requestorGLN: z.string().nullable(),
    requestorCompany: z.string().openapi({ description: "our tenant's name; empty for peers" }),
    gtin: z.string(),
    serial: z.string(),
    lot: z.string(),
    expiry: z.string().openapi({ description: 'YYMMDD as requested' }),
    corrUUID: z.string(),
    verified: z.boolean().nullable(),
    failureReason: z.string().nullable(),
    additionalInfo: z.array(z.string()).openapi({ description: 'joined with | in CSV' }),
    responderGLN: z.string().nullable(),
    inNetwork: z.boolean(),
    latencyMs: z.number(),
    partnerId: z.string().nullable().openapi({
      description: 'routed verifications: the partner VRS asked (JSON only; the CSV keeps the standard header)',
    }),
    peerStatus: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "the partner's HTTP status; null when it gave none" }),
    peerLatencyMs: z.number().nullable(),
    peerFailureReason: z.string().nullable().openapi({
      description:
        'a verificationFailureReason outside the standard list, as the partner sent it (answered as No_reason_provided)',
    }),
  })
  .openapi('HistoryRecord');
