export { chooseAnswerer, type Answerer } from './answerer.js';
export { decideVerification, type RequestedPack, type VerificationInput, type VerifiedSerial } from './decide.js';
export { DEFAULT_PRODUCER_TIME_ZONE, localDate } from './localDate.js';
export { parsePeerAnswer, type PeerAnswer, type PeerAnswerError } from './peerAnswer.js';
export { DEFAULT_RESPONSE_RULES, resolveResponseRules, type ResponseRules } from './rules.js';
export {
  ADDITIONAL_INFO,
  VERIFICATION_FAILURE_REASONS,
  type AdditionalInfo,
  type VerificationData,
  type VerificationFailureReason,
} from './types.js';
