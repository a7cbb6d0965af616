import type { Client } from '@temporalio/client';

// Temporal out of reach: a call gives up after this (the API answers 503 with Retry-After) rather than waiting out the client's retries.
const CALL_TIMEOUT_MS = 3_000;

/** Runs a start or signal under a short deadline, so a request never hangs on a Temporal outage. */
export const withinDeadline = <T>(temporal: Client, call: () => Promise<T>): Promise<T> =>
  temporal.withDeadline(Date.now() + CALL_TIMEOUT_MS, call);
