import type { Logger } from '../../logger.js';

/** How long a client is told to wait before retrying while PostgreSQL is unreachable. */
export const RETRY_AFTER_SEC = 5;
// While an outage lasts, one reminder this often with the number of requests refused meanwhile.
const REMIND_EVERY_MS = 60_000;
// No failure for this long ends an outage even when no one saw the pool reconnect.
const QUIET_MS = 30_000;

/**
 * Logs a PostgreSQL outage once, not once per request: thousands of requests a second would
 * otherwise each write a stack trace. `recovered()` (the pool connected again) closes the outage,
 * so the next one is reported afresh.
 */
export class DatabaseOutage {
  private since: number | undefined;
  private lastLogged = 0;
  private lastFailed = 0;
  private refused = 0;

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  failed(error: unknown): void {
    const now = this.now();
    if (this.since !== undefined && now - this.lastFailed >= QUIET_MS) this.recovered();
    this.lastFailed = now;
    this.refused++;
    if (this.since === undefined) {
      this.since = now;
      this.lastLogged = now;
      this.log.warn(
        {
          err: {
            message: (error as Error | undefined)?.message,
            code: (error as { code?: unknown } | undefined)?.code,
          },
        },
        `database unreachable: requests are answered 503 with Retry-After ${RETRY_AFTER_SEC}`,
      );
    } else if (now - this.lastLogged >= REMIND_EVERY_MS) {
      this.lastLogged = now;
      this.log.warn({ refused: this.refused, downForMs: now - this.since }, 'database still unreachable');
    }
  }

  recovered(): void {
    if (this.since === undefined) return;
    this.log.warn({ refused: this.refused, downForMs: this.now() - this.since }, 'database reachable again');
    this.since = undefined;
    this.refused = 0;
  }
}
