import { heartbeat } from '@temporalio/activity';

// Liveness while one statement runs (a batch, a page, the key build); Temporal throttles what it sends.
const HEARTBEAT_EVERY_MS = 1_000;

/**
 * Runs `work` heartbeating every second, so a worker that dies mid-call is noticed within the
 * activity's heartbeat timeout instead of its start-to-close timeout. Heartbeats carry no
 * details: a retry resumes from what the database committed.
 */
export async function heartbeating<T>(work: () => Promise<T>): Promise<T> {
  const alive = setInterval(() => heartbeat(), HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(alive);
  }
}
