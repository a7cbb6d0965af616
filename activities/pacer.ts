import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Background work that yields to the database's other users (verify traffic): after each heavy
 * step, a pause proportional to what the step took, but only while others keep the database
 * busy, so a backfill or a sync alone runs at full speed.
 */
export interface Pacer {
  /** Whether others committed more than the threshold's transactions per second lately. */
  busy(): Promise<boolean>;
  /** After a step that took `tookMs`: a pause of `ratio` times that while busy; ends early on `signal`. */
  pause(tookMs: number, signal?: AbortSignal): Promise<void>;
}

export interface PacerOptions {
  /** Transactions committed in the database so far (a cumulative counter). */
  committed: () => Promise<number>;
  ratio: number;
  busyAboveTps: number;
  now?: () => number;
}

// PostgreSQL's statistics take in each backend's counts about once a second: a shorter window
// would see a few backends' counts, or none.
const WINDOW_MS = 1_000;

/** One per worker process: every backfill and sync in it shares the reading of the counter. */
export function createPacer(options: PacerOptions): Pacer {
  const now = options.now ?? (() => performance.now());
  let last: { at: number; committed: number } | undefined;
  let verdict = false;
  let reading: Promise<boolean> | undefined;
  const read = async (): Promise<boolean> => {
    const committed = await options.committed();
    const at = now();
    if (last) verdict = (committed - last.committed) / ((at - last.at) / 1000) > options.busyAboveTps;
    last = { at, committed };
    return verdict;
  };
  const busy = (): Promise<boolean> => {
    if (last && now() - last.at < WINDOW_MS) return Promise.resolve(verdict);
    reading ??= read().finally(() => (reading = undefined));
    return reading;
  };
  return {
    busy,
    async pause(tookMs, signal) {
      if (options.ratio <= 0 || signal?.aborted || !(await busy())) return;
      await sleep(tookMs * options.ratio, undefined, { signal }).catch(() => undefined);
    },
  };
}
