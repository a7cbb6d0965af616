/**
 * Why a call to a partner VRS got no usable answer:
 * - `unconfigured`: no such partner, or no active client certificate for it (nothing was sent);
 * - `connect`: the connection failed or closed before any response (safe to retry once);
 * - `timeout`: the caller's budget ran out (the signal was aborted);
 * - `too_large`: the answer exceeded the response cap;
 * - `protocol`: anything else that went wrong after the request was sent.
 */
export type PeerFailureKind = 'unconfigured' | 'connect' | 'timeout' | 'too_large' | 'protocol';

export class PeerRequestError extends Error {
  override name = 'PeerRequestError';

  constructor(
    readonly kind: PeerFailureKind,
    readonly partnerId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// undici's and Node's codes for a connection that failed or closed before a response came.
const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

const codeOf = (error: unknown): string | undefined => {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === 'object' && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
};

/** The caller's time budget ran out before the answer was in. */
export const peerTimeout = (partnerId: string, cause?: unknown): PeerRequestError =>
  new PeerRequestError('timeout', partnerId, 'the partner did not answer within the time budget', { cause });

/** Classifies an error thrown before any response arrived (`timedOut`: the budget had run out). */
export function classifyPeerError(partnerId: string, error: unknown, timedOut: boolean): PeerRequestError {
  if (error instanceof PeerRequestError) return error;
  if (timedOut) return peerTimeout(partnerId, error);
  const message = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  if (
    code &&
    (CONNECT_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT'))
  ) {
    return new PeerRequestError('connect', partnerId, `connection to the partner failed (${code}): ${message}`, {
      cause: error,
    });
  }
  return new PeerRequestError('protocol', partnerId, message, { cause: error });
}
