import {
  ActivityFailure,
  ApplicationFailure,
  continueAsNew,
  proxyActivities,
  workflowInfo,
} from '@temporalio/workflow';
import type { createHistoryExportActivities } from '../activities/historyExport.js';

export interface HistoryExportInput {
  exportId: string;
}

type Activities = ReturnType<typeof createHistoryExportActivities>;

// A batch of chunks is minutes of work at most; a database outage is retried for about ten minutes.
const { writeHistoryExportChunks } = proxyActivities<Activities>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m', maximumAttempts: 15 },
});
const { failHistoryExport } = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { maximumAttempts: 20 },
});

/** Chunks one activity call writes before the workflow records its progress. */
const CHUNKS_PER_CALL = 20;

/**
 * Writes a history export chunk by chunk into PostgreSQL (db/repositories/historyExports.ts).
 * Progress and the cursor live in the export's row (GET /v1/exports/{id} reads them), so the
 * workflow carries nothing across continue-as-new.
 */
export async function historyExport(input: HistoryExportInput): Promise<{ rows: number }> {
  try {
    for (;;) {
      const result = await writeHistoryExportChunks({ exportId: input.exportId, chunks: CHUNKS_PER_CALL });
      if (result.done) return { rows: result.rows };
      if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof historyExport>(input);
    }
  } catch (error) {
    if (error instanceof ActivityFailure) {
      const cause = error.cause instanceof Error ? error.cause.message : error.message;
      await failHistoryExport({ exportId: input.exportId, error: cause });
      throw ApplicationFailure.nonRetryable(`history export ${input.exportId} failed: ${cause}`);
    }
    throw error;
  }
}
