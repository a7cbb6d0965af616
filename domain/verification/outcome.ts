import type { ResponseRules } from './rules.js';
import {
  VERIFICATION_FAILURE_REASONS,
  type AdditionalInfo,
  type VerificationData,
  type VerificationFailureReason,
} from './types.js';

// Answers without additionalInfo are the common ones (a plain match, every mismatch): one
// frozen object each, shared by all requests instead of allocated per request.
const VERIFIED: VerificationData = Object.freeze({ verified: true });

const FAILED = Object.fromEntries(
  VERIFICATION_FAILURE_REASONS.map((reason) => [
    reason,
    Object.freeze({ verified: false, verificationFailureReason: reason }),
  ]),
) as Record<VerificationFailureReason, VerificationData>;

export function verified(additionalInfo: readonly AdditionalInfo[] | undefined): VerificationData {
  return additionalInfo === undefined ? VERIFIED : { verified: true, additionalInfo };
}

/** A failed answer; `sendFailureReason=false` hides which check failed, and nothing else. */
export function notVerified(
  reason: VerificationFailureReason,
  rules: ResponseRules,
  additionalInfo?: readonly AdditionalInfo[],
): VerificationData {
  const sent = rules.sendFailureReason ? reason : 'No_reason_provided';
  return additionalInfo === undefined
    ? FAILED[sent]
    : { verified: false, verificationFailureReason: sent, additionalInfo };
}
