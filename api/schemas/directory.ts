import { z } from '@hono/zod-openapi';

export const DirectoryUploadResultSchema = z
  .object({
    pullId: z.string().uuid().openapi({ description: 'the upload, as the partner list shows it (lastUpload)' }),
    accepted: z.number().int().openapi({ description: 'records in the upload, all stored' }),
    stored: z.number().int().openapi({ description: 'records new or changed (an unchanged record is left alone)' }),
    ended: z.number().int().openapi({ description: 'records whose validTo is already past' }),
    conflicts: z.number().int().openapi({ description: 'GTINs another source claims at the same time' }),
  })
  .openapi('DirectoryUploadResult');

export const DirectoryConflictSchema = z
  .object({
    gtin: z.string(),
    partnerId: z.string().uuid().openapi({ description: 'the partner whose record was pulled or uploaded' }),
    responderGLN: z.string(),
    otherSource: z.string().openapi({ description: '"local" (one of our producers) or another partner id' }),
    otherResponderGLN: z.string(),
    winner: z.string().openapi({ description: 'the source routing follows: local always, else the newer record' }),
    pullId: z.string().uuid().openapi({ description: 'the pull or upload that last found it' }),
    detectedAt: z.string(),
  })
  .openapi('DirectoryConflict');

export const ConflictQuerySchema = z.object({
  partnerId: z
    .string()
    .uuid()
    .optional()
    .openapi({ param: { name: 'partnerId', in: 'query' } }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(1000)
    .openapi({ param: { name: 'limit', in: 'query' } }),
});

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date or date-time');

export const CoverageQuerySchema = z.object({
  from: instant.openapi({ param: { name: 'from', in: 'query' }, example: '2026-12-01' }),
  to: instant.openapi({ param: { name: 'to', in: 'query' }, example: '2026-12-08' }),
});

export const CoverageSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    unknownGtins: z.number().int().openapi({ description: 'distinct GTINs over the whole range' }),
    requests: z.number().int(),
    days: z.array(
      z.object({
        day: z.string().openapi({ description: 'UTC day, YYYY-MM-DD' }),
        requestors: z.array(
          z.object({
            requestorGLN: z.string().nullable(),
            unknownGtins: z.number().int(),
            requests: z.number().int(),
            gtins: z.array(z.object({ gtin: z.string(), requests: z.number().int() })),
          }),
        ),
      }),
    ),
    truncated: z.boolean().openapi({ description: 'true when more than the row cap matched: narrow the range' }),
  })
  .openapi('DirectoryCoverage');
