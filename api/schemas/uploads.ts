import { z } from '@hono/zod-openapi';
import type { Upload } from '../../db/repositories/uploads.js';
import { limitSchema } from './page.js';

export const UploadIdParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, description: 'the upload id an upload answered' }),
});

export const UploadListQuery = z.object({
  cursor: z.string().uuid().optional().openapi({ description: '`nextCursor` of the previous page' }),
  limit: limitSchema(20),
});

export const UploadSchema = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(['master-data', 'serials', 'directory']),
    partnerId: z.string().uuid().nullable().openapi({ description: 'the partner of a directory upload' }),
    contentType: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'failed', 'stopped']).openapi({
      description:
        'queued and running: being read; completed: its rows are stored; failed and stopped: nothing was stored, `stopReason` says why (failed too when the process reading it stopped showing progress for UPLOAD_STALE_MS)',
    }),
    rowsRead: z.number().int(),
    rowsAccepted: z.number().int(),
    rowsRejected: z.number().int(),
    bytesRead: z.number().int(),
    bytesTotal: z.number().int().nullable().openapi({ description: 'null when the request gave no Content-Length' }),
    percent: z.number().nullable().openapi({ description: 'of the bytes read, 0-100; null when the size is unknown' }),
    stopReason: z.string().nullable(),
    report: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: 'the report the upload answered (without its rejected rows: see errorsCsv)' }),
    errorsCsv: z.string().openapi({ description: 'one line per error of each rejected row' }),
    createdAt: z.string().datetime(),
    startedAt: z.string().datetime().nullable(),
    finishedAt: z.string().datetime().nullable(),
  })
  .openapi('Upload');

export const UploadPageSchema = z.object({ items: z.array(UploadSchema), nextCursor: z.string().nullable() });

export const uploadJson = (u: Upload): z.infer<typeof UploadSchema> => ({
  id: u.id,
  kind: u.kind,
  partnerId: u.partnerId,
  contentType: u.contentType,
  status: u.status,
  rowsRead: u.rowsRead,
  rowsAccepted: u.rowsAccepted,
  rowsRejected: u.rowsRejected,
  bytesRead: u.bytesRead,
  bytesTotal: u.bytesTotal,
  percent:
    u.status === 'completed'
      ? 100
      : u.bytesTotal
        ? Math.min(100, Math.floor((u.bytesRead / u.bytesTotal) * 1000) / 10)
        : null,
  stopReason: u.stopReason,
  report: u.report,
  errorsCsv: `/v1/uploads/${u.id}/errors.csv`,
  createdAt: u.createdAt.toISOString(),
  startedAt: u.startedAt?.toISOString() ?? null,
  finishedAt: u.finishedAt?.toISOString() ?? null,
});
