import type { Kysely } from 'kysely';
import { insertUploadErrors, type RejectedRow } from '../../db/repositories/uploadErrors.js';
import { endUpload, updateUploadProgress, type UploadCounts } from '../../db/repositories/uploads.js';
import type { Database } from '../../db/schema.js';
import type { RowError } from '../../ingest/rows.js';

/** A 100 MB file of bad rows must not become a 100 MB report; the count stays exact. */
export const MAX_REPORTED_REJECTIONS = 10_000;
/** Progress is written every this many rows: often enough for a progress bar, rarely enough to cost nothing. */
export const PROGRESS_EVERY_ROWS = 2_000;
/** The first rows judge the file: nearly all of them rejected means the wrong file or the wrong columns. */
export const EARLY_STOP_ROWS = 1_000;
export const EARLY_STOP_REJECTED = 950;

/** The upload stopped early: its first rows were nearly all rejected. */
export class UploadStopped extends Error {
  override name = 'UploadStopped';
}

/** Where a tracked upload's progress goes; a dry run has none. */
export interface UploadTrack {
  db: Kysely<Database>;
  uploadId: string;
  bytesRead: () => number;
}

/**
 * Counts an upload's rows as they are judged: the rejected ones (the first
 * `MAX_REPORTED_REJECTIONS`, with the GTIN and serial that name them), progress written outside
 * the upload's transaction so others see it, and the early stop.
 */
export class UploadTally {
  accepted = 0;
  rejectedCount = 0;
  readonly rejected: RejectedRow[] = [];
  private writing = false;

  constructor(readonly track: UploadTrack | undefined) {}

  get rowsRead(): number {
    return this.accepted + this.rejectedCount;
  }

  async accept(): Promise<void> {
    this.accepted++;
    await this.tick();
  }

  async reject(row: RejectedRow): Promise<void> {
    this.rejectedCount++;
    if (this.rejected.length < MAX_REPORTED_REJECTIONS) this.rejected.push(row);
    await this.tick();
  }

  /** The rejected rows as the report lists them. */
  reported(): RowError[] {
    return this.rejected.map((r) => ({ row: r.row, errors: r.errors }));
  }

  counts(): UploadCounts {
    return {
      rowsRead: this.rowsRead,
      accepted: this.accepted,
      rejected: this.rejectedCount,
      bytesRead: this.track?.bytesRead() ?? 0,
    };
  }

  /** In the transaction that stored the rows: the upload is complete exactly when they are. */
  async finish(trx: Kysely<Database>, report: object): Promise<void> {
    if (!this.track) return;
    // The rejected rows are kept one line per error (errors.csv), not twice.
    const { rejected: _listed, ...stored } = report as { rejected?: unknown };
    await endUpload(trx, this.track.uploadId, { status: 'completed', counts: this.counts(), report: stored });
    await insertUploadErrors(trx, this.track.uploadId, this.rejected);
  }

  private async tick(): Promise<void> {
    const read = this.rowsRead;
    if (read === EARLY_STOP_ROWS && this.rejectedCount >= EARLY_STOP_REJECTED)
      throw new UploadStopped(this.stopReason());
    if (this.track && read % PROGRESS_EVERY_ROWS === 0 && !this.writing) {
      // Not awaited: the upload's transaction holds a pooled connection, and must never wait for a
      // second one (a full pool would deadlock). Progress is for watching; a lost write costs nothing.
      this.writing = true;
      void updateUploadProgress(this.track.db, this.track.uploadId, this.counts())
        .catch(() => {})
        .finally(() => (this.writing = false));
    }
  }

  private stopReason(): string {
    const byError = new Map<string, number>();
    for (const r of this.rejected) {
      for (const e of new Set(r.errors.map((e) => `${e.path}: ${e.message}`)))
        byError.set(e, (byError.get(e) ?? 0) + 1);
    }
    const [common, rows] = [...byError].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    return (
      `stopped after the first ${EARLY_STOP_ROWS.toLocaleString('en-US')} rows: ${this.rejectedCount.toLocaleString('en-US')} were rejected, ` +
      `${rows.toLocaleString('en-US')} of them for "${common}". Check that this is the right file for this upload and that its ` +
      'columns are named as in the template (docs/upload-formats.md); nothing was stored'
    );
  }
}
