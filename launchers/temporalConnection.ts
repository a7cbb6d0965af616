import {
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type GrpcRetryOptions,
} from '@temporalio/client';

// gRPC status code
const RESOURCE_EXHAUSTED = 8;

/**
 * Retries that know the connection is closing. The SDK's retry interceptor re-sends a failed call
 * from a timer; a timer that fires after the channel closed throws "Channel has been shut down" as
 * an uncaught exception. Once closing, a failed call is answered at once, and close waits out the
 * timers already set.
 */
class ClosingRetries {
  private closing = false;
  private lastDue = 0;

  constructor(private readonly base: GrpcRetryOptions) {}

  readonly options: GrpcRetryOptions = {
    retryableDecider: (attempt, status) => !this.closing && this.base.retryableDecider(attempt, status),
    delayFunction: (attempt, status) => {
      const delay = this.base.delayFunction(attempt, status);
      this.lastDue = Math.max(this.lastDue, Date.now() + delay);
      return delay;
    },
  };

  async close(): Promise<void> {
    this.closing = true;
    // The timer fires at lastDue and starts its call at once; the margin covers timer lateness.
    const wait = this.lastDue - Date.now();
    if (wait > -50) await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 0) + 50));
  }
}

/**
 * A client connection to Temporal, for the API, the workers' schedules, the admin script and the
 * tests. The SDK's default retry waits 1 s and more before retrying RESOURCE_EXHAUSTED, which the
 * server answers to signals while a workflow's continue-as-new is being retried (rare since
 * serialUpdates keeps its lease across it): that lasts one replay. Retrying it from 50 ms keeps an
 * upload's events from waiting out the default back-off. Other codes keep the defaults. Lazy by
 * default: it connects on first use, so an API process starts (and answers verifications) while
 * Temporal is down.
 */
export async function connectTemporal(address: string, { lazy = true } = {}): Promise<Connection> {
  const retries = new ClosingRetries(
    defaultGrpcRetryOptions({ initialIntervalMs: ({ code }) => (code === RESOURCE_EXHAUSTED ? 50 : 100) }),
  );
  const connection = Connection.lazy({ address, interceptors: [makeGrpcRetryInterceptor(retries.options)] });
  const closeChannel = connection.close.bind(connection);
  connection.close = async () => {
    await retries.close();
    await closeChannel();
  };
  if (!lazy) await connection.ensureConnected();
  return connection;
}
