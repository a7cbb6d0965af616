import type { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { producersAwaitingDrain } from '../db/serialSync/updateQueue.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { SerialUpdatesWaker } from '../launchers/serialUpdates.js';

export interface SerialQueueSweep {
  /** One pass now (tests); resolves with the producers woken. */
  sweep(): Promise<string[]>;
  /** No further passes; one under way is abandoned, not awaited (Temporal may be down). */
  stop(): void;
}

/**
 * Uploads wake their producer's drain, but an upload answered 503 because Temporal was down (or
 * a drain whose worker died holding the lease) leaves ranges queued that no one would look at
 * until that producer's next upload. The sync worker sweeps at start and every `intervalMs`:
 * each producer with queued ranges and no drain under way gets the same wake-up an upload sends.
 * Several workers sweeping at once is harmless: the wake-ups meet the one running workflow.
 */
export function startSerialQueueSweep(options: {
  db: Kysely<Database>;
  client: Client;
  taskQueue: string;
  intervalMs: number;
  log: Logger;
}): SerialQueueSweep {
  const { db, client, log } = options;
  // A wake-up Temporal has not accepted in time is tried again at the next pass.
  const waker = new SerialUpdatesWaker({ db, temporal: client, taskQueueOf: () => options.taskQueue });
  let failing = false;
  let stopped = false;
  let running: Promise<string[]> | undefined;
  const pass = async (): Promise<string[]> => {
    const companies = await producersAwaitingDrain(db);
    for (const companyId of companies) {
      if (stopped) break;
      await waker.wake(companyId);
    }
    return companies;
  };
  const sweep = (): Promise<string[]> => {
    running ??= pass()
      .then((woken) => {
        if (failing) log.warn('serial queue sweep works again');
        failing = false;
        if (woken.length > 0) log.info({ producers: woken.length }, 'serial queue sweep woke drains');
        return woken;
      })
      .catch((error: unknown) => {
        // Temporal or PostgreSQL down: said once, tried again at the next tick.
        if (!failing && !stopped) log.warn({ err: error }, 'serial queue sweep failed; retrying every interval');
        failing = true;
        return [];
      })
      .finally(() => (running = undefined));
    return running;
  };
  void sweep();
  const timer = setInterval(() => void sweep(), options.intervalMs);
  timer.unref();
  return {
    sweep,
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
