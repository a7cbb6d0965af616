/**
 * Throttles serial guessing: a caller collecting `limit` No_match_GTIN_Serial answers within
 * `windowMs` is blocked for `blockMs`. Kept in memory per process, so N API instances allow
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

  /** Callers blocked now, with the instant each block ends (epoch ms). */
  blocks(): { caller: string; until: number }[] {
    return [...this.blockedUntil.keys()].flatMap((caller) => {
      const left = this.blockedFor(caller);
      return left === undefined ? [] : [{ caller, until: this.clock() + left }];
    });
  }

  /** An operator lifts a block (a pharmacist who mistyped, not a guesser); true when one was lifted. */
  lift(caller: string): boolean {
    this.misses.delete(caller);
    return this.blockedUntil.delete(caller);
  }

  /** Callers blocked right now and until when (the operator console shows them). */
  blocked(): { caller: string; until: Date }[] {
    const now = this.clock();
    return [...this.blockedUntil].filter(([, until]) => until > now).map(([caller, until]) => ({ caller, until: new Date(until) }));
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
}
