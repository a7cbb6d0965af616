/**
 * The `data` object of a GS1 Lightweight Verification response. Spellings are the standard's:
 * peers parse them literally, so never rename these strings.
 */

export const VERIFICATION_FAILURE_REASONS = [
  'No_match_GTIN_Serial',
  'No_match_GTIN_Serial_Lot',
  'No_match_GTIN_Serial_Expiry',
  'No_match_GTIN_Serial_Lot_Expiry',
  'No_reason_provided',
  'Manufacturer_policy',
  'Not_for_re-distribution',
] as const;

export type VerificationFailureReason = (typeof VERIFICATION_FAILURE_REASONS)[number];

/** In the canonical order the answer lists them (the order of the decision-table page). */
export const ADDITIONAL_INFO = ['Recalled', 'Suspect', 'Expired', 'ExpirationExtended', 'Illegitimate'] as const;

export type AdditionalInfo = (typeof ADDITIONAL_INFO)[number];

/**
 * The union encodes the standard's rule that a failure reason is present exactly when
 * `verified` is false; `additionalInfo` is omitted rather than sent empty.
 * Answers are shared frozen values (see outcome.ts), hence readonly.
 */
export type VerificationData =
  | {
      readonly verified: true;
      readonly verificationFailureReason?: never;
      readonly additionalInfo?: readonly AdditionalInfo[];
    }
  | {
      readonly verified: false;
      readonly verificationFailureReason: VerificationFailureReason;
      readonly additionalInfo?: readonly AdditionalInfo[];
    };
