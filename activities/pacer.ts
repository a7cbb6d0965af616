import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Background work that yields to the database's other users (verify traffic). While others keep
 * the database busy, the heavy steps of a worker process (backfill batches, key builds, sync
 * pages) run one at a time, each followed by a pause of `ratio` times what it took before the
 * next starts: together they keep at most 1 / (1 + ratio) of one database core. Alone, steps run
 * side by side at full speed.
 */
export interface Pacer {
  /** Whether others committed more than the threshold's transactions per second lately. */
  busy(): Promise<boolean>;
  /** Runs one heavy step (`busy`: it runs yielding); a cancel (`signal`) cuts its pause short. */
  step<T>(work: (busy: boolean) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export interface PacerOptions {
  /** Transactions committed in the database so far (a cumulative counter). */
  committed: () => Promise<number>;
  /** 0: never yield. */
  ratio: number;
  busyAboveTps: number;
  now?: () => number;
}

// PostgreSQL's statistics take in each backend's counts about once a second: a shorter window
// would see a few backends' counts, or none.
const WINDOW_MS = 1_000;

/** One per worker process: every backfill and sync in it shares the reading and the turns. */
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
  // The turns: each yielding step waits for the one before it, pause included.
  let queue: Promise<void> = Promise.resolve();
  const inTurn = async <T>(work: () => Promise<T>): Promise<T> => {
    const before = queue;
    let done!: () => void;
    queue = new Promise((resolve) => (done = resolve));
    await before;
    try {
      return await work();
    } finally {
      done();
    }
  };
  return {
    busy,
    async step(work, signal) {
      if (options.ratio <= 0 || !(await busy())) return work(false);
      return inTurn(async () => {
        const started = performance.now();
        const result = await work(true);
        const pause = (performance.now() - started) * options.ratio;
        if (!signal?.aborted) await sleep(pause, undefined, { signal }).catch(() => undefined);
        return result;
      });
    },
  };
}
