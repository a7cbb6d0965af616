import type { Kysely } from 'kysely';
import type { HistorySink, HistoryWriter } from '../../db/historyWriter.js';
import type { Database } from '../../db/schema.js';
import type { VerificationRecord } from '../../domain/history/record.js';
import type { Logger } from '../../logger.js';
import { findNearMiss, mayBeNearMiss } from './nearMissFinder.js';

/** Searches running at once; past this, not-verified answers are recorded without a search. */
const MAX_SEARCHES = 32;

/**
 * Wraps the history writer: a not-verified answer (or an unknown GTIN) is recorded once its
 * near-miss search has ended, everything else goes straight to the writer. The search starts
 * after the answer was sent and never changes it; under a burst of misses it is skipped rather
 * than queued, so guessing serials costs no more than before.
 */
export class NearMissRecorder implements HistorySink {
  private readonly searches = new Set<Promise<void>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly writer: HistoryWriter,
    private readonly log: Logger,
    private readonly maxSearches = MAX_SEARCHES,
  ) {}

  record(entry: VerificationRecord): void {
    if (!mayBeNearMiss(entry) || this.searches.size >= this.maxSearches) {
      this.writer.record(entry);
      return;
    }
    const search: Promise<void> = findNearMiss(this.db, entry)
      .then(
        (found) => this.writer.record(found ? { ...entry, ...found } : entry),
        (err: unknown) => {
          this.log.warn({ err, gtin: entry.gtin }, 'near-miss search failed; verification recorded without it');
          this.writer.record(entry);
        },
      )
      .finally(() => this.searches.delete(search));
    this.searches.add(search);
  }

  get pending(): number {
    return this.writer.pending + this.searches.size;
  }

  get totals(): HistoryWriter['totals'] {
    return this.writer.totals;
  }

  async flush(): Promise<void> {
    await Promise.all(this.searches);
    await this.writer.flush();
  }

  async close(): Promise<void> {
    await Promise.all(this.searches);
    await this.writer.close();
  }
}
