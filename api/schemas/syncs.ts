import { z } from '@hono/zod-openapi';

export const SyncProgressSchema = z
  .object({
    done: z.number(),
    total: z.number(),
    failed: z.number(),
    ratePerSec: z.number(),
    startedAt: z.string(),
    etaSec: z.number().nullable(),
  })
  .openapi('SyncProgress');

export const SyncSchema = z
  .object({
    workflowId: z.string(),
    runId: z.string().openapi({ description: 'the first run id; later syncs reuse the workflow id, never the run id' }),
    kind: z.string(),
    status: z.enum(['running', 'completed', 'failed', 'canceled', 'terminated', 'timed_out']),
    progress: SyncProgressSchema,
    counts: z.record(z.string(), z.number()),
    errors: z
      .array(z.object({ gtin: z.string(), serial: z.string().optional(), reason: z.string() }))
      .openapi({ description: 'the first 1000; counts are exact' }),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('Sync');

export const StartedSchema = z.object({ workflowId: z.string() }).openapi('SyncStarted');

export const WorkflowIdParams = z.object({
  workflowId: z
    .string()
    .min(3)
    .max(300)
    .openapi({ param: { name: 'workflowId', in: 'path' }, example: 'masterDataSync:6f1c...' }),
});
