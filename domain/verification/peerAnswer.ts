import { isValidGln } from '../gs1/gln.js';
import { err, ok, type Result } from '../result.js';
import {
  ADDITIONAL_INFO,
  VERIFICATION_FAILURE_REASONS,
  type AdditionalInfo,
  type VerificationData,
  type VerificationFailureReason,
} from './types.js';

/** A partner VRS's 200 answer, checked against verification-api.md and put in our spelling. */
export interface PeerAnswer {
  /** The peer's timestamp with milliseconds (microseconds dropped), in UTC. */
  verificationTimestamp: string;
  responderGLN: string;
  /** Ours as the caller sent it; a peer that left it out is not refused for that. */
  corrUUID: string;
  data: VerificationData;
  /** A `verificationFailureReason` outside the standard list, kept for history (answered as No_reason_provided). */
  unknownFailureReason: string | null;
}

export interface PeerAnswerError {
  /** The JSON field at fault ('body' for the whole answer). */
  path: string;
  message: string;
}

// ISO 8601 date-time with an offset (or Z), any fraction of a second: other VRS products send
// seconds, milliseconds or microseconds.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
// Our own spelling (toISOString's), which most answers already use: valid once its day exists.
const CANONICAL = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const REASONS = new Set<string>(VERIFICATION_FAILURE_REASONS);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Date.parse rolls 2026-02-31 over into March: the day must exist in its month. */
function dayExists(parts: RegExpExecArray): boolean {
  const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds are enough: a fraction longer than three digits is cut, so Date parses it everywhere. */
function parseTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const canonical = CANONICAL.exec(value);
  if (canonical) return dayExists(canonical) ? value : undefined;
  const parts = TIMESTAMP.exec(value);
  if (!parts || !dayExists(parts)) return undefined;
  const normalised = parts[0].replace(/(\.\d{3})\d+/, '$1').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const time = Date.parse(normalised);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/**
 * Validates a peer's answer body. Lenient where other VRS products are known to differ (unknown
 * failure reasons, timestamps with microseconds or offsets, a missing corrUUID, a reason sent with
 * `verified: true`, unknown additionalInfo values), strict where the answer would mean something
 * else (not JSON, no boolean `verified`, a bad responder GLN, someone else's corrUUID).
 */
export function parsePeerAnswer(body: string, ourCorrUUID: string): Result<PeerAnswer, PeerAnswerError> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return err({ path: 'body', message: 'the answer is not JSON' });
  }
  if (!isObject(json)) return err({ path: 'body', message: 'the answer is not a JSON object' });
  const verificationTimestamp = parseTimestamp(json.verificationTimestamp);
  if (!verificationTimestamp)
    return err({ path: 'verificationTimestamp', message: 'must be an ISO 8601 date-time with an offset' });
  if (typeof json.responderGLN !== 'string' || !isValidGln(json.responderGLN))
    return err({ path: 'responderGLN', message: 'must be a 13-digit GLN with a valid check digit' });
  if (
    json.corrUUID !== undefined &&
    json.corrUUID !== null &&
    (typeof json.corrUUID !== 'string' || json.corrUUID.toLowerCase() !== ourCorrUUID.toLowerCase())
  ) {
    return err({ path: 'corrUUID', message: 'does not match the corrUUID of the request' });
  }
  const data = json.data;
  if (!isObject(data)) return err({ path: 'data', message: 'must be an object' });
  if (typeof data.verified !== 'boolean') return err({ path: 'data.verified', message: 'must be true or false' });
  let additionalInfo: AdditionalInfo[] = [];
  if (data.additionalInfo !== undefined && data.additionalInfo !== null) {
    if (!Array.isArray(data.additionalInfo) || !data.additionalInfo.every((v) => typeof v === 'string'))
      return err({ path: 'data.additionalInfo', message: 'must be an array of strings' });
    // Our canonical order; values outside the standard list carry nothing a consumer can act on.
    additionalInfo = ADDITIONAL_INFO.filter((v) => (data.additionalInfo as string[]).includes(v));
  }
  const info = additionalInfo.length > 0 ? { additionalInfo } : {};
  if (data.verified)
    return ok({
      verificationTimestamp,
      responderGLN: json.responderGLN,
      corrUUID: ourCorrUUID,
      data: { verified: true, ...info },
      unknownFailureReason: null,
    });

  const reason = data.verificationFailureReason;
  if (reason !== undefined && reason !== null && typeof reason !== 'string')
    return err({ path: 'data.verificationFailureReason', message: 'must be a string' });
  const known = typeof reason === 'string' && REASONS.has(reason);
  return ok({
    verificationTimestamp,
    responderGLN: json.responderGLN,
    corrUUID: ourCorrUUID,
    data: {
      verified: false,
      verificationFailureReason: known ? (reason as VerificationFailureReason) : 'No_reason_provided',
      ...info,
    },
    unknownFailureReason: known || typeof reason !== 'string' ? null : reason,
  });
}
