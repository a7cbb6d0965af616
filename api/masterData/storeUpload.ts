import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { getMasterDataRules } from '../../db/repositories/masterDataRules.js';
import { liveNetworkHashes } from '../../db/repositories/networkProducts.js';
import { upsertSourceProducts } from '../../db/repositories/sourceProducts.js';
import type { Database } from '../../db/schema.js';
import type { Product } from '../../domain/masterData/product.js';
import { decideSync } from '../../domain/masterData/syncDecision.js';
import type { ProductRow, RowError } from '../../ingest/rows.js';
import type { UploadTally } from '../uploads/uploadTally.js';
import { uploadTransaction } from '../uploads/uploadTransaction.js';

/** api.md "Upload report"; `rejectedCount` stays exact when the list is cut short. A dry run has no upload id. */
export interface UploadReport {
  uploadId: string | null;
  dryRun: boolean;
  accepted: number;
  rejected: RowError[];
  rejectedCount: number;
}

/** A live product the upload changes so that the next sync would take it out of the network. */
export interface Withdrawal {
  row: number;
  gtin: string;
  reason: string;
}

export interface ProductUploadReport extends UploadReport {
  wouldWithdraw: number;
  /** The first `MAX_REPORTED_WITHDRAWALS`; the count is exact. */
  withdrawals: Withdrawal[];
}

/** Rows stored per INSERT: large enough to amortise the round trip, small enough to keep memory flat. */
export const UPLOAD_BATCH = 1000;
export const MAX_REPORTED_WITHDRAWALS = 1_000;

const contentHash = (product: unknown): string => createHash('sha256').update(JSON.stringify(product)).digest('hex');

interface Pending {
  row: number;
  product: Product;
  contentHash: string;
}

/**
 * Streams parsed rows into the producer's source store, in batches, inside ONE transaction:
 * a document that turns out malformed half way (the parser throws) stores nothing, while
 * bad rows in a well-formed document are reported and never stop the good ones. Each batch
 * is first judged as the next sync would judge it (the producer's rules and prefixes as they
 * are now): a product live in the network whose new content the sync would not publish is
 * reported as a withdrawal the upload causes. A dry run reports the same and stores nothing.
 * The upload is recorded (`tally.track`) before this runs, and marked complete in the same transaction.
 */
export async function storeProductUpload(
  db: Kysely<Database>,
  upload: { companyId: string; companyPrefixes: readonly string[]; dryRun: boolean },
  rows: AsyncIterable<ProductRow>,
  tally: UploadTally,
): Promise<ProductUploadReport> {
  // A dry run's rows are rolled back with the id they name.
  const uploadId = tally.track?.uploadId ?? randomUUID();
  return uploadTransaction(db, upload.dryRun, async (trx) => {
    const rules = await getMasterDataRules(trx, upload.companyId);
    const ctx = { companyPrefixes: upload.companyPrefixes };
    const report: ProductUploadReport = {
      uploadId: upload.dryRun ? null : uploadId,
      dryRun: upload.dryRun,
      accepted: 0,
      rejected: [],
      rejectedCount: 0,
      wouldWithdraw: 0,
      withdrawals: [],
    };
    // Keyed by GTIN: one INSERT ... ON CONFLICT may not touch a row twice, and the later record wins.
    let batch = new Map<string, Pending>();
    // By GTIN: a GTIN repeated in a later batch is judged again, and its last record counts.
    const withdrawing = new Map<string, Withdrawal>();
    const flush = async () => {
      const pending = [...batch.values()];
      batch = new Map();
      const live = await liveNetworkHashes(
        trx,
        upload.companyId,
        pending.map((p) => p.product.gtin),
      );
      for (const p of pending) {
        const published = live.get(p.product.gtin);
        if (published === undefined) continue;
        // Unchanged content is not this upload's doing, whatever the sync decides about it.
        const decision = published === p.contentHash ? undefined : decideSync(p.product, rules, ctx);
        if (decision === undefined || decision.state === 'synced') withdrawing.delete(p.product.gtin);
        else withdrawing.set(p.product.gtin, { row: p.row, gtin: p.product.gtin, reason: decision.reason });
      }
      await upsertSourceProducts(trx, upload.companyId, uploadId, pending);
    };
    for await (const row of rows) {
      if ('errors' in row) {
        await tally.reject(row);
        continue;
      }
      await tally.accept();
      batch.delete(row.product.gtin); // the later record wins, and its row number with it
      batch.set(row.product.gtin, { row: row.row, product: row.product, contentHash: contentHash(row.product) });
      if (batch.size >= UPLOAD_BATCH) await flush();
    }
    await flush();
    report.accepted = tally.accepted;
    report.rejectedCount = tally.rejectedCount;
    report.wouldWithdraw = withdrawing.size;
    report.withdrawals = [...withdrawing.values()].sort((a, b) => a.row - b.row).slice(0, MAX_REPORTED_WITHDRAWALS);
    await tally.finish(trx, report);
    report.rejected = tally.reported();
    return report;
  });
}
