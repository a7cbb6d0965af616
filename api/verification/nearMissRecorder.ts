import type { Kysely } from 'kysely';
import type { HistorySink, HistoryWriter } from '../../db/historyWriter.js';
import type { Database } from '../../db/schema.js';
import type { VerificationRecord } from '../../domain/history/record.js';
import type { Logger } from '../../logger.js';
import { findNearMiss, mayBeNearMiss } from './nearMissFinder.js';

/**
 * Wraps the history writer: a not-verified answer (or an unknown GTIN) is recorded once its
 * near-miss search has ended, everything else goes straight to the writer. The answer never
 * waits for the search and is never changed by it. At most `maxSearches` run at once (each holds
 * one pooled connection at a time); past that a miss is recorded without a search rather than
 * queued, so a burst of guessed serials cannot take the pool from the answers.
 */
export class NearMissRecorder implements HistorySink {
  // A count, not a collection of the searches: a long-lived Set churning through one promise per
  // miss would keep each of them, and its record, alive past V8's young generation.
  private searches = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly writer: HistoryWriter,
    private readonly log: Logger,
    private readonly maxSearches: number,
  ) {}

  record(entry: VerificationRecord): void {
    if (!mayBeNearMiss(entry) || this.searches >= this.maxSearches) {
      this.writer.record(entry);
      return;
    }
    this.searches++;
    void findNearMiss(this.db, entry)
      .then(
        (found) => this.writer.record(found ? { ...entry, ...found } : entry),
        (err: unknown) => {
          this.log.warn({ err, gtin: entry.gtin }, 'near-miss search failed; verification recorded without it');
          this.writer.record(entry);
        },
      )
      .finally(() => {
        if (--this.searches === 0) for (const resolve of this.waiting.splice(0)) resolve();
      });
  }

  get pending(): number {
    return this.writer.pending + this.searches;
  }

  get totals(): HistoryWriter['totals'] {
    return this.writer.totals;
  }

  async flush(): Promise<void> {
    await this.searchesEnded();
    await this.writer.flush();
  }

  async close(): Promise<void> {
    await this.searchesEnded();
    await this.writer.close();
  }

  private searchesEnded(): Promise<void> {
    return this.searches === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}
