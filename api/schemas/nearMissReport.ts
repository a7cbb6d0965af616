import { z } from '@hono/zod-openapi';
import { NEAR_MISS_KINDS } from '../../domain/verification/nearMiss.js';

const day = (description: string, example: string) =>
  z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }).openapi({ description, example });

export const NearMissQuerySchema = z.object({
  from: day('first UTC day of the report, inclusive', '2026-11-01'),
  to: day('last UTC day of the report, inclusive; default: from (one day). At most 92 days', '2026-11-30').optional(),
  format: z
    .enum(['json', 'csv'])
    .optional()
    .openapi({ description: 'default: json, or csv when Accept names text/csv before application/json' }),
});

const Kind = z.enum(NEAR_MISS_KINDS);
const Kinds = z.record(z.string(), z.number()).openapi({ description: 'count per kind', example: { lot_format: 3 } });

export const NearMissReportSchema = z
  .object({
    from: z.string(),
    to: z.string().openapi({ description: 'exclusive end of the range' }),
    total: z.number(),
    truncated: z
      .boolean()
      .openapi({ description: 'true when there were more (kind, GTIN, requestor) groups than the report holds' }),
    byKind: z.array(z.object({ kind: Kind, count: z.number() })),
    byGtin: z.array(z.object({ gtin: z.string(), count: z.number(), kinds: Kinds })),
    byRequestor: z.array(
      z.object({
        requestorGLN: z.string().nullable(),
        requestorCompany: z.string().nullable().openapi({ description: "our tenant's name; null for peers" }),
        count: z.number(),
        kinds: Kinds,
      }),
    ),
    examples: z
      .array(
        z.object({
          kind: Kind,
          verifiedAt: z.string(),
          gtin: z.string(),
          serial: z.string(),
          lot: z.string(),
          expiry: z.string(),
          requestorGLN: z.string().nullable(),
          failureReason: z.string().nullable(),
        }),
      )
      .openapi({ description: 'the latest few of each kind, as they were asked' }),
  })
  .openapi('NearMissReport');
