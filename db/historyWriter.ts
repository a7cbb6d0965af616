import type { Kysely } from 'kysely';
import { insertHistoryBatch, MAX_HISTORY_ROWS_PER_INSERT } from './repositories/history.js';
import type { Database } from './schema.js';
import type { HistoryRecorder, VerificationRecord } from '../domain/history/record.js';
import type { Logger } from '../logger.js';

export interface HistoryWriterOptions {
  flushMs: number;
  batchSize: number;
  /** Rows held while the database is unreachable; past this, new records are dropped (logged as errors) to bound memory. */
  maxPending?: number;
}

const MAX_BACKOFF_MS = 5_000;

/** What the API holds as its history: a recorder that can be drained and watched. */
export type HistorySink = HistoryRecorder & Pick<HistoryWriter, 'flush' | 'close' | 'pending' | 'totals'>;

/** SQLSTATE class 22 (data exception) or 23 (constraint), or a malformed record: retrying cannot help. */
const isRejectedData = (error: unknown) =>
  error instanceof TypeError || /^2[23]/.test(String((error as { code?: unknown } | null)?.code ?? ''));

/**
 * Records verifications off the request path: `record()` only appends to a buffer. One flush at a
 * time writes up to `batchSize` rows in one INSERT, `flushMs` after the first row waits or at once
 * when a batch is full. A failed flush puts its rows back and retries with backoff; `close()`
 * drains everything. One writer per process.
 */
export class HistoryWriter implements HistoryRecorder {
  private buffer: VerificationRecord[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private timerDelay = 0;
  private failures = 0;
  private dropped = 0;
  private failuresTotal = 0;
  private droppedTotal = 0;
  private readonly batchSize: number;
  private readonly maxPending: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
    private readonly options: HistoryWriterOptions,
  ) {
    this.batchSize = Math.min(options.batchSize, MAX_HISTORY_ROWS_PER_INSERT);
    this.maxPending = options.maxPending ?? 100_000;
  }

  record(entry: VerificationRecord): void {
    if (this.buffer.length >= this.maxPending) {
      this.droppedTotal++;
      if (this.dropped++ === 0)
        this.log.error(
          { pending: this.buffer.length },
          'history buffer full while the database is failing: verifications are being DROPPED from history',
        );
      return;
    }
    this.buffer.push(entry);
    this.schedule();
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Failed flushes and dropped records since start, for /metrics. */
  get totals(): { flushFailures: number; dropped: number } {
    return { flushFailures: this.failuresTotal, dropped: this.droppedTotal };
  }

  /** Writes everything recorded so far, retrying until it is written. */
  async flush(): Promise<void> {
    while (this.buffer.length > 0 || this.flushing) await (this.flushing ?? this.flushOnce());
  }

  /** Stops the timer and drains the buffer (SIGTERM); a record arriving later is still written. */
  async close(): Promise<void> {
    this.stopTimer();
    await this.flush();
    this.stopTimer();
  }

  /** A full batch goes on the next turn of the event loop (never inside record()); otherwise after flushMs. */
  private schedule(): void {
    if (this.flushing || this.buffer.length === 0) return; // the running flush reschedules when it ends
    const delay = this.buffer.length >= this.batchSize ? 0 : this.options.flushMs;
    if (this.timer && this.timerDelay <= delay) return;
    this.stopTimer();
    this.timerDelay = delay;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flushOnce();
    }, delay);
    this.timer.unref(); // shutdown drains through close(); the backoff sleep, which close() awaits, stays ref'd
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private flushOnce(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.buffer.length === 0) return Promise.resolve();
    const batch = this.buffer.splice(0, this.batchSize);
    this.flushing = this.write(batch)
      .then(
        () => this.succeeded(),
        (error: unknown) => this.failed(error),
      )
      .finally(() => {
        this.flushing = undefined;
        this.schedule();
      });
    return this.flushing;
  }

  /** One INSERT; a batch the database rejects as bad data is halved until the bad rows are found, logged and skipped. */
  private async write(batch: VerificationRecord[]): Promise<void> {
    const chunks = [batch];
    try {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        try {
          await insertHistoryBatch(this.db, chunk);
        } catch (error) {
          if (!isRejectedData(error)) {
            chunks.unshift(chunk);
            throw error;
          }
          if (chunk.length === 1)
            this.log.error({ err: error, record: chunk[0] }, 'history record rejected by the database; skipped');
          else chunks.unshift(chunk.slice(0, chunk.length >> 1), chunk.slice(chunk.length >> 1));
        }
      }
    } catch (error) {
      this.buffer.unshift(...chunks.flat()); // nothing is lost: unwritten rows go back in front, in order
      throw error;
    }
  }

  private succeeded(): void {
    if (this.failures > 0)
      this.log.warn({ failures: this.failures, pending: this.buffer.length }, 'history writes resumed');
    if (this.dropped > 0)
      this.log.error({ dropped: this.dropped }, 'verifications were dropped from history while its buffer was full');
    this.failures = 0;
    this.dropped = 0;
  }

  private async failed(error: unknown): Promise<void> {
    this.failures++;
    this.failuresTotal++;
    this.log.error(
      { err: error, pending: this.buffer.length, failures: this.failures, dropped: this.dropped },
      'history flush failed; rows kept, will retry',
    );
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** this.failures, MAX_BACKOFF_MS)));
  }
}
