import { z } from '@hono/zod-openapi';
import { Problem } from '../problem.js';

const rowErrors = z.array(
  z.object({ row: z.number().int(), errors: z.array(z.object({ path: z.string(), message: z.string() })) }),
);

/** The per-row report every upload answers with; `accepted` says what one record is, `extra` adds what one kind of upload reports besides. */
export const uploadReportSchema = <E extends z.ZodRawShape>(name: string, acceptedDescription: string, extra: E) =>
  z
    .object({
      uploadId: z.string().uuid().nullable().openapi({ description: 'null for a dry run, which stores nothing' }),
      dryRun: z.boolean(),
      accepted: z.number().int().openapi({ description: acceptedDescription }),
      rejected: rowErrors,
      rejectedCount: z.number().int().openapi({ description: 'exact; `rejected` lists at most the first 10,000' }),
      ...extra,
    })
    .openapi(name);

export const uploadAcceptedSchema = z
  .object({
    uploadId: z.string().uuid(),
    status: z.literal('queued'),
    href: z.string().openapi({ description: 'where to watch its progress and read its report' }),
  })
  .openapi('UploadAccepted');

/** `?dryRun=true`: parse, validate and report exactly as an upload would, and store nothing. */
export const uploadQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .openapi({ description: 'true: parse, validate and report as a real upload would, and store nothing' }),
});

// Bodies are described, not validated: they stream into the parsers, which report per row.
export const streamedBody = (description: string) => ({ schema: { type: 'string' as const, description } });

/**
 * The parser for a request's Content-Type (parameters ignored but charset, which must be UTF-8),
 * or 415 naming what is accepted.
 */
export function parserFor<P>(
  contentType: string | undefined,
  parsers: Readonly<Record<string, P>>,
  accepted: string,
): { essence: string; parser: P } {
  const [essence = '', ...params] = (contentType ?? '').split(';').map((s) => s.trim().toLowerCase());
  const parser = parsers[essence];
  if (!parser) throw new Problem(415, 'Unsupported Media Type', `send ${accepted}, not "${essence || 'nothing'}"`);
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
    throw new Problem(415, 'Unsupported Media Type', 'only UTF-8 is accepted');
  return { essence, parser };
}
