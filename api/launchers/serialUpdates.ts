import type { Client } from '@temporalio/client';
import type { ApiDeps } from '../deps.js';
import { WakeCoalescer } from '../serials/wakeCoalescer.js';
import { serialUpdates, serialUpdatesWake } from '../../workflows/serialUpdates.js';

type Deps = Pick<ApiDeps, 'temporal' | 'taskQueueOf'>;

// Temporal out of reach: the upload answers 503 after this rather than waiting out the client's retries (the sweep drains it later).
const WAKE_TIMEOUT_MS = 3_000;

// One coalescer per Temporal client, i.e. per API process (tests build several apps).
const coalescers = new WeakMap<Client, WakeCoalescer>();

/**
 * Wakes the producer's serialUpdates workflow to drain its queue, starting it if it is not
 * running (signal-with-start: one round trip either way). Resolves once a wake-up sent after
 * this call has been accepted by Temporal.
 */
export function wakeSerialUpdates(deps: Deps, companyId: string): Promise<void> {
  let coalescer = coalescers.get(deps.temporal);
  if (!coalescer)
    coalescers.set(deps.temporal, (coalescer = new WakeCoalescer((company) => signalWithStart(deps, company))));
  return coalescer.request(companyId);
}

async function signalWithStart(deps: Deps, companyId: string): Promise<void> {
  await deps.temporal.withDeadline(Date.now() + WAKE_TIMEOUT_MS, () =>
    deps.temporal.workflow.signalWithStart(serialUpdates, serialUpdatesWake(companyId, deps.taskQueueOf('sync'))),
  );
}
