import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

const RESOURCE_EXHAUSTED = 8; // gRPC status code

/**
 * The API's connection to Temporal. The SDK's default retry waits 1 s and more before retrying
 * RESOURCE_EXHAUSTED, which the server answers to signals while a workflow's continue-as-new is
 * being retried (rare since serialUpdates keeps its lease across it): that lasts one replay.
 * Retrying it from 50 ms keeps an upload's events from waiting out the default back-off.
 * Other codes keep the defaults.
 */
export function connectTemporal(address: string): Promise<Connection> {
  const retry = defaultGrpcRetryOptions({ initialIntervalMs: ({ code }) => (code === RESOURCE_EXHAUSTED ? 50 : 100) });
  return Connection.connect({ address, interceptors: [makeGrpcRetryInterceptor(retry)] });
}
