import { z } from '@hono/zod-openapi';
import { NEAR_MISS_KINDS } from '../../domain/verification/nearMiss.js';
import { GlnSchema, GtinSchema } from './gs1.js';

// A date alone is a whole UTC day (domain/history/range.ts), so `from=2026-12-03` is that day's history.
const instantOrDate = (description: string, example: string) =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], {
      error: 'must be a date (YYYY-MM-DD) or an ISO 8601 instant with its offset',
    })
    .openapi({ description, example });

/** What selects history rows, for a streamed download and a background export alike. */
const HistorySelection = z.object({
  from: instantOrDate(
    'start of the range, inclusive: an ISO 8601 instant, or a date (YYYY-MM-DD) for its UTC midnight',
    '2026-11-18T00:00:00Z',
  ),
  to: instantOrDate(
    'end of the range, exclusive; a date includes its whole UTC day. May be left out when from is a date: that one day',
    '2026-11-25T00:00:00Z',
  ).optional(),
  role: z.enum(['producer', 'consumer']).optional().openapi({
    description:
      'for a company with both roles: verifications of its products (producer, the default) or its own requests (consumer)',
  }),
  gtin: GtinSchema.optional().openapi({ description: 'only verifications of this GTIN' }),
  requestor: GlnSchema.optional().openapi({
    description: "only requests of this requestor GLN (a peer's or a tenant's)",
  }),
  atp: z.enum(['ok', 'failed']).optional().openapi({
    description: 'only verifications whose ATP credential check passed (ok) or did not (failed)',
  }),
});

export const HISTORY_FORMATS = ['json', 'ndjson', 'csv'] as const;

/** [from, to) alone, for downloads beside the history (the ATP audit trail). */
export const HistoryRangeQuery = HistorySelection.pick({ from: true, to: true });

export const HistoryQuerySchema = HistorySelection.extend({
  format: z.enum(HISTORY_FORMATS).optional().openapi({
    description: 'default: json, or the first of text/csv, application/x-ndjson, application/json in Accept',
  }),
  verified: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'only answers with this verified flag' }),
});

export const ExportRequestSchema = HistorySelection.extend({
  format: z.enum(HISTORY_FORMATS).default('csv'),
  verified: z.boolean().optional().openapi({ description: 'only answers with this verified flag' }),
}).openapi('HistoryExportRequest');

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
    nearMiss: z.enum(NEAR_MISS_KINDS).nullable().openapi({
      description:
        'producers only: the identifier slip a near match explains (docs/near-misses.md); never part of the GS1 answer. Last CSV column',
    }),
    atp: z.enum(['ok', 'failed']).nullable().openapi({
      description: 'the ATP credential check: null when none applied (JSON only)',
    }),
    atpErrorCodes: z
      .array(z.string())
      .nullable()
      .openapi({ description: 'the OCI error codes of every ATP step that did not pass' }),
  })
  .openapi('HistoryRecord');
