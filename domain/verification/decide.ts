import type { SerialState } from '../serials/state.js';
import {
  EXPIRATION_EXTENDED,
  EXPIRED,
  ILLEGITIMATE,
  RECALLED,
  SUSPECT,
  additionalInfoFor,
  type InfoMask,
} from './additionalInfo.js';
import { isExpired, sameExpiry } from './expiry.js';
import { localDate } from './localDate.js';
import { notVerified, verified } from './outcome.js';
import type { ResponseRules } from './rules.js';
import type { VerificationData, VerificationFailureReason } from './types.js';

/** What the request claims about the pack, beyond the GTIN and serial used to look it up. */
export interface RequestedPack {
  /** Percent-decoded; compared exactly. */
  lot: string;
  /** YYMMDD as sent. Kept for the caller's records: the decision compares `expiryDate`. */
  expiry: string;
  /** `expiry` resolved to YYYY-MM-DD, day 00 = month end. */
  expiryDate: string;
}

/** The parts of a serial's state an answer depends on. */
export type VerifiedSerial = Pick<
  SerialState,
  'lot' | 'expiry' | 'expiryDate' | 'extendedExpiry' | 'extendedExpiryDate' | 'status' | 'flags'
>;

export interface VerificationInput {
  /** The read-table row for (GTIN, serial); undefined when there is none. */
  serial: VerifiedSerial | undefined;
  request: RequestedPack;
  /** The instant the request is judged; this module never reads the clock. */
  now: Date;
  /** The producer's IANA zone, where "today" is judged for expiry. */
  timeZone: string;
  rules: ResponseRules;
}

/**
 * The `data` of a 200 answer, per the decision table in verification-api.md and the vectors.
 * Whether to answer at all (404, routing to a peer) is decided before this, by the caller.
 */
export function decideVerification(input: VerificationInput): VerificationData {
  const { serial, request, rules } = input;
  if (serial === undefined) return notVerified('No_match_GTIN_Serial', rules);

  // An extension counts only with its date; a flag without one is judged on the printed date.
  const extendedDate = serial.flags.expirationExtended ? serial.extendedExpiryDate : null;
  const carriesPrinted = sameExpiry(request.expiryDate, serial.expiryDate, rules.checkExpirationDay);
  const expiryMatches =
    carriesPrinted || (extendedDate !== null && sameExpiry(request.expiryDate, extendedDate, rules.checkExpirationDay));
  const lotMatches = request.lot === serial.lot;
  // On any mismatch the answer says nothing about the real pack's status: a wrong or guessed
  // identifier must not reveal that a serial is recalled, suspect or expired.
  if (!lotMatches || !expiryMatches) return notVerified(mismatchReason(lotMatches, expiryMatches), rules);

  const expired = isExpired(localDate(input.now, input.timeZone), extendedDate ?? serial.expiryDate);
  const info = additionalInfoFor(statusMask(serial, expired, extendedDate !== null && carriesPrinted, rules));
  const reason = blockingReason(serial, expired, rules);
  return reason === undefined ? verified(info) : notVerified(reason, rules, info);
}

function mismatchReason(lotMatches: boolean, expiryMatches: boolean): VerificationFailureReason {
  if (lotMatches) return 'No_match_GTIN_Serial_Expiry';
  return expiryMatches ? 'No_match_GTIN_Serial_Lot' : 'No_match_GTIN_Serial_Lot_Expiry';
}

/** The first rule that fails a fully matching pack, in decision-table order. */
function blockingReason(
  serial: VerifiedSerial,
  expired: boolean,
  rules: ResponseRules,
): VerificationFailureReason | undefined {
  // Written as "not commissioned" so that a status added later fails closed.
  if (serial.status !== 'commissioned') return 'Not_for_re-distribution';
  const { flags } = serial;
  if (flags.suspect || flags.illegitimate) return 'Manufacturer_policy';
  if (flags.recalled && !rules.validWhenRecalled) return 'Manufacturer_policy';
  if (expired && !rules.validWhenExpired) return 'Manufacturer_policy';
  return undefined;
}

/** Every code that applies, whichever rule decided: codes accumulate (destroyed + suspect -> Suspect). */
function statusMask(
  serial: VerifiedSerial,
  expired: boolean,
  carriedOriginal: boolean,
  rules: ResponseRules,
): InfoMask {
  const { flags } = serial;
  let mask = 0;
  if (flags.recalled && rules.sendRecalledStatus) mask |= RECALLED;
  if (flags.suspect && rules.sendSuspectStatus) mask |= SUSPECT;
  if (expired && rules.sendExpiredStatus) mask |= EXPIRED;
  // Tells a requestor holding the printed date that the pack is judged on a newer one.
  if (carriedOriginal) mask |= EXPIRATION_EXTENDED;
  if (flags.illegitimate && rules.sendSuspectStatus) mask |= ILLEGITIMATE;
  return mask;
}
