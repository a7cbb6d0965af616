import { z } from '@hono/zod-openapi';

const instant = (description: string) => z.iso.datetime({ offset: true }).openapi({ description, example: '2026-11-18T00:00:00Z' });

export const HistoryQuerySchema = z.object({
  from: instant('start of the range, inclusive (ISO 8601 instant)'),
  to: instant('end of the range, exclusive; at most 7 days after from'),
  format: z.enum(['json', 'ndjson', 'csv']).default('json'),
  role: z.enum(['producer', 'consumer']).optional().openapi({
    description: 'for a company with both roles: verifications of its products (producer, the default) or its own requests (consumer)',
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
    partnerId: z.string().nullable().openapi({ description: 'routed verifications: the partner VRS asked (JSON only; the CSV keeps the standard header)' }),
    peerStatus: z.number().int().nullable().openapi({ description: "the partner's HTTP status; null when it gave none" }),
    peerLatencyMs: z.number().nullable(),
    peerFailureReason: z.string().nullable().openapi({ description: 'a verificationFailureReason outside the standard list, as the partner sent it (answered as No_reason_provided)' }),
  })
  .openapi('HistoryRecord');
