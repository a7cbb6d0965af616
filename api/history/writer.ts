import type { Kysely } from 'kysely';
import { insertHistoryBatch } from '../../db/repositories/history.js';
import type { Database } from '../../db/schema.js';
import type { HistoryRecorder, VerificationRecord } from '../../domain/history/record.js';
import type { Logger } from '../../logger.js';

export interface HistoryWriterOptions {
  flushMs: number;
  batchSize: number;
  /** Past this many waiting rows (a long database outage) the writer warns on every failed flush. */
  warnAt?: number;
}

/**
 * Records verifications off the request path: `record()` only appends to a buffer; one flush at a
 * time writes up to `batchSize` rows per INSERT every `flushMs` or as soon as a batch is full. A
 * failed flush keeps its rows and retries with backoff; `close()` drains everything.
 */
export class HistoryWriter implements HistoryRecorder {
  private buffer: VerificationRecord[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
    private readonly options: HistoryWriterOptions,
  ) {}

  record(entry: VerificationRecord): void {
    this.buffer.push(entry);
    if (this.buffer.length >= this.options.batchSize) this.kick(0);
    else this.kick(this.options.flushMs);
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Writes everything recorded so far (retrying until it is written). */
  async flush(): Promise<void> {
    while (this.buffer.length > 0 || this.flushing) {
      await (this.flushing ?? this.flushOnce());
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.flush();
  }

  private kick(delayMs: number): void {
    if (this.timer || this.flushing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flushOnce();
    }, delayMs);
  }

  private flushOnce(): Promise<void> {
    if (this.flushing || this.buffer.length === 0) return this.flushing ?? Promise.resolve();
    const batch = this.buffer.splice(0, this.options.batchSize);
    this.flushing = insertHistoryBatch(this.db, batch)
      .then(() => {
        this.failures = 0;
      })
      .catch(async (error: unknown) => {
        this.buffer.unshift(...batch); // nothing is dropped: the rows go back in front
        this.failures++;
        const level = this.buffer.length >= (this.options.warnAt ?? 100_000) ? 'error' : 'warn';
        this.log[level]({ err: error, pending: this.buffer.length, failures: this.failures }, 'history flush failed; will retry');
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** this.failures, 5_000)));
      })
      .finally(() => {
        this.flushing = undefined;
        if (this.buffer.length > 0 && !this.closed) this.kick(this.buffer.length >= this.options.batchSize ? 0 : this.options.flushMs);
      });
    return this.flushing;
  }
}
