import { Problem, type PartnerRef } from '../problem.js';
import type { AtpVerdict } from './judgePresentation.js';

/** The wallet was unreachable or slow: worth retrying shortly. */
const RETRY_AFTER_SEC = 30;

/** Under `require`: a refused presentation is 403 naming the codes; no answer from our wallet is 503. */
export function refusal(verdict: AtpVerdict, whose: string): Problem {
  const atpErrorCodes = verdict.errorCodes;
  if (verdict.result === 'error')
    return new Problem(
      503,
      'Service Unavailable',
      `${whose} ATP wallet did not answer (${verdict.reason ?? 'no usable answer'}): wallet_unavailable`,
      { atpErrorCodes },
      { 'Retry-After': String(RETRY_AFTER_SEC) },
    );
  return new Problem(403, 'Forbidden', `ATP presentation refused: ${atpErrorCodes.join(', ')}`, { atpErrorCodes });
}

/** The error codes of a partner's 403 problem that refused our presentation; undefined for any other 403. */
export function refusedAtpCodes(body: string): string[] | undefined {
  try {
    const codes = (JSON.parse(body) as { atpErrorCodes?: unknown }).atpErrorCodes;
    const words = Array.isArray(codes)
      ? codes.filter((c): c is string => typeof c === 'string' && /^\w{1,64}$/.test(c))
      : [];
    return words.length > 0 ? words : undefined;
  } catch {
    return undefined;
  }
}

/** A partner's answer whose presentation our requestor's wallet refuses is not passed on. */
export const untrustedAnswer = (verdict: AtpVerdict, partner: PartnerRef) =>
  verdict.result === 'error'
    ? refusal(verdict, "the requestor's")
    : new Problem(
        502,
        'Bad Gateway',
        `partner VRS ${partner.name} answered without a valid ATP presentation: ${verdict.errorCodes.join(', ')}`,
        { partner, atpErrorCodes: verdict.errorCodes },
      );
