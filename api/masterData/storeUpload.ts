import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { upsertSourceProducts, type SourceProductInput } from '../../db/repositories/sourceProducts.js';
import { createUpload, finishUpload } from '../../db/repositories/uploads.js';
import type { Database } from '../../db/schema.js';
import type { ProductRow, RowError } from '../../ingest/rows.js';

/** api.md "Upload report"; `rejectedCount` stays exact when the list is cut short. */
export interface UploadReport {
  uploadId: string;
  accepted: number;
  rejected: RowError[];
  rejectedCount: number;
}

/** Rows stored per INSERT: large enough to amortise the round trip, small enough to keep memory flat. */
export const UPLOAD_BATCH = 1000;
/** A 100 MB file of bad rows must not become a 100 MB report; the count stays exact. */
export const MAX_REPORTED_REJECTIONS = 10_000;

const contentHash = (product: unknown): string => createHash('sha256').update(JSON.stringify(product)).digest('hex');

/**
 * Streams parsed rows into the producer's source store, in batches, inside ONE transaction:
 * a document that turns out malformed half way (the parser throws) stores nothing, while
 * bad rows in a well-formed document are reported and never stop the good ones.
 */
export async function storeProductUpload(
  db: Kysely<Database>,
  upload: { companyId: string; contentType: string },
  rows: AsyncIterable<ProductRow>,
): Promise<UploadReport> {
  return db.transaction().execute(async (trx) => {
    const uploadId = await createUpload(trx, { companyId: upload.companyId, kind: 'master-data', contentType: upload.contentType });
    const report: UploadReport = { uploadId, accepted: 0, rejected: [], rejectedCount: 0 };
    // Keyed by GTIN: one INSERT ... ON CONFLICT may not touch a row twice, and the later record wins.
    let batch = new Map<string, SourceProductInput>();
    const flush = async () => {
      await upsertSourceProducts(trx, upload.companyId, uploadId, [...batch.values()]);
      batch = new Map();
    };
    for await (const row of rows) {
      if ('errors' in row) {
        report.rejectedCount++;
        if (report.rejected.length < MAX_REPORTED_REJECTIONS) report.rejected.push(row);
        continue;
      }
      report.accepted++;
      batch.set(row.product.gtin, { product: row.product, contentHash: contentHash(row.product) });
      if (batch.size >= UPLOAD_BATCH) await flush();
    }
    await flush();
    await finishUpload(trx, uploadId, { accepted: report.accepted, rejected: report.rejectedCount });
    return report;
  });
}
