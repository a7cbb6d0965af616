import type { Kysely } from 'kysely';
import { failHistoryExport, writeNextHistoryExportChunk } from '../db/repositories/historyExports.js';
import type { Database } from '../db/schema.js';
import { heartbeating } from './heartbeating.js';

/** Rows per chunk: one keyset page, one transaction, as the streamed download reads them. */
const PAGE_SIZE = 5_000;

export const createHistoryExportActivities = (deps: { db: Kysely<Database> }) => ({
  /** Writes up to `chunks` chunks; each commits with its cursor, so a retry resumes after the last one. */
  async writeHistoryExportChunks(input: {
    exportId: string;
    chunks: number;
  }): Promise<{ done: boolean; rows: number }> {
    return heartbeating(async () => {
      let result = { done: false, rows: 0 };
      for (let i = 0; i < input.chunks && !result.done; i++)
        result = await writeNextHistoryExportChunk(deps.db, input.exportId, PAGE_SIZE);
      return result;
    });
  },
  async failHistoryExport(input: { exportId: string; error: string }): Promise<void> {
    await failHistoryExport(deps.db, input.exportId, input.error);
  },
});
