import type { LaunchDeps } from './deps.js';
import { WakeCoalescer } from './wakeCoalescer.js';
import { serialUpdates, serialUpdatesWake } from '../workflows/serialUpdates.js';

// Temporal out of reach: the upload answers 503 after this rather than waiting out the client's retries (the sweep drains it later).
const WAKE_TIMEOUT_MS = 3_000;

/**
 * Wakes producers' serialUpdates workflows to drain their queues, starting one if it is not
 * running (signal-with-start: one round trip either way). One per process, made with its Temporal
 * client, so concurrent wake-ups of a producer coalesce.
 */
export class SerialUpdatesWaker {
  private readonly coalescer = new WakeCoalescer((companyId) => this.signalWithStart(companyId));

  constructor(private readonly deps: Pick<LaunchDeps, 'temporal' | 'taskQueueOf'>) {}

  /** Resolves once a wake-up sent after this call has been accepted by Temporal. */
  wake(companyId: string): Promise<void> {
    return this.coalescer.request(companyId);
  }

  private async signalWithStart(companyId: string): Promise<void> {
    const { temporal, taskQueueOf } = this.deps;
    await temporal.withDeadline(Date.now() + WAKE_TIMEOUT_MS, () =>
      temporal.workflow.signalWithStart(serialUpdates, serialUpdatesWake(companyId, taskQueueOf('sync'))),
    );
  }
}
