import type { Logger } from '../../logger.js';
import type { Caller } from './verifyService.js';

/** The brute-force guard counts per credential: a company's keys and devices are separate callers. */
export const bruteForceKey = (caller: Caller): string =>
  caller.kind === 'peer' ? `peer:${caller.partnerId}` : `${caller.company.id}:${caller.keyId}`;

/** Counts one miss of `caller`; the miss that blocks it is logged once, saying what was missed. */
export function countMiss(
  deps: { bruteForce: BruteForceGuard; log: Logger },
  caller: string,
  missed: string,
  details: Record<string, unknown>,
): void {
  if (deps.bruteForce.recordMiss(caller))
    deps.log.warn({ caller, ...details }, `brute-force guard: caller blocked after too many ${missed}`);
}

/**
 * Throttles guessing: a caller collecting `limit` misses (No_match_GTIN_Serial answers, GTINs that
 * checkConnectivity does not answer for) within `windowMs` is blocked for `blockMs` on both. An operator
 * lifts a block (a pharmacist who mistyped, not a guesser). Kept in memory per process, so N API instances allow
 * N times the limit; the clock is injected so tests need no sleeping.
 */
export class BruteForceGuard {
  private readonly misses = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly options: { limit: number; windowMs: number; blockMs: number },
    private readonly clock: () => number = Date.now,
  ) {}

  isBlocked(caller: string): boolean {
    return this.blockedFor(caller) !== undefined;
  }

  /** Milliseconds the caller stays blocked, or undefined when it is not (what Retry-After says). */
  blockedFor(caller: string): number | undefined {
    const until = this.blockedUntil.get(caller);
    if (until === undefined) return undefined;
    const left = until - this.clock();
    if (left > 0) return left;
    this.blockedUntil.delete(caller);
    return undefined;
  }

  /** Callers blocked right now and until when (the operator's list and console). */
  blocked(): { caller: string; until: Date }[] {
    const now = this.clock();
    return [...this.blockedUntil]
      .filter(([, until]) => until > now)
      .map(([caller, until]) => ({ caller, until: new Date(until) }));
  }

  /** Records one miss; true when this miss crossed the limit and the caller is now blocked. */
  recordMiss(caller: string): boolean {
    const now = this.clock();
    const recent = (this.misses.get(caller) ?? []).filter((t) => t > now - this.options.windowMs);
    recent.push(now);
    if (recent.length < this.options.limit) {
      this.misses.set(caller, recent);
      return false;
    }
    this.misses.delete(caller);
    this.blockedUntil.set(caller, now + this.options.blockMs);
    return true;
  }

  /** Lifts a block and forgets the caller's misses; false when it was not blocked. */
  lift(caller: string): boolean {
    this.misses.delete(caller);
    const wasBlocked = this.isBlocked(caller);
    this.blockedUntil.delete(caller);
    return wasBlocked;
  }
}
