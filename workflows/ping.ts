import { proxyActivities } from '@temporalio/workflow';
import type { createPingActivities } from '../activities/ping.js';

const { databaseNow } = proxyActivities<ReturnType<typeof createPingActivities>>({
  startToCloseTimeout: '10s',
  retry: { maximumAttempts: 3 },
});

export interface PingResult {
  message: string;
  databaseTime: string;
  database: string;
}

/** Proves the path API -> Temporal -> worker -> activity -> PostgreSQL. */
export async function ping(message: string): Promise<PingResult> {
  const { now, database } = await databaseNow();
  return { message, databaseTime: now, database };
}
