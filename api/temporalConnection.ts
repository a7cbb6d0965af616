import { ServiceError } from '@temporalio/client';

// gRPC status codes
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
