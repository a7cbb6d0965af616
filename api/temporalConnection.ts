import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, ServiceError } from '@temporalio/client';

// gRPC status codes
const RESOURCE_EXHAUSTED = 8;
const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;

/**
 * Temporal out of reach (down, restarting, or no answer within the call's deadline): worth a 503,
 * not a bug. The client's methods wrap the gRPC status in a ServiceError; raw service calls throw it as is.
 */
export const isTemporalUnavailable = (error: unknown): boolean => {
  const status = error instanceof ServiceError ? error.cause : error;
  if (typeof status !== 'object' || status === null || !('metadata' in status)) return false;
  const { code } = status as { code?: unknown };
  return code === UNAVAILABLE || code === DEADLINE_EXCEEDED;
};

/**
 * The API's connection to Temporal. The SDK's default retry waits 1 s and more before retrying
 * RESOURCE_EXHAUSTED, which the server answers to signals while a workflow's continue-as-new is
 * being retried (rare since serialUpdates keeps its lease across it): that lasts one replay.
 * Retrying it from 50 ms keeps an upload's events from waiting out the default back-off.
 * Other codes keep the defaults. Lazy: it connects on first use, so an API process starts (and
 * answers verifications) while Temporal is down.
 */
export async function connectTemporal(address: string): Promise<Connection> {
  const retry = defaultGrpcRetryOptions({ initialIntervalMs: ({ code }) => (code === RESOURCE_EXHAUSTED ? 50 : 100) });
  return Connection.lazy({ address, interceptors: [makeGrpcRetryInterceptor(retry)] });
}
