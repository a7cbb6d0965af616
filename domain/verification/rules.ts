/**
 * Response rules: what a producer lets its answers reveal. Set per producer, optionally
 * overridden per GTIN; domain.md has the table of effects.
 */
export interface ResponseRules {
  /** When false, every failure reason becomes `No_reason_provided`. */
  readonly sendFailureReason: boolean;
  /** Add `Expired` to additionalInfo when the effective expiry day has passed. */
  readonly sendExpiredStatus: boolean;
  /** When false, an expired pack answers false with `Manufacturer_policy`. */
  readonly validWhenExpired: boolean;
  /** Add `Recalled` to additionalInfo. */
  readonly sendRecalledStatus: boolean;
  /** When true, a recall alone does not fail the verification (the GS1 US guideline's answer). */
  readonly validWhenRecalled: boolean;
  /** Add `Suspect` / `Illegitimate` to additionalInfo. */
  readonly sendSuspectStatus: boolean;
  /** When false, only year and month of the expiry are compared. */
  readonly checkExpirationDay: boolean;
}

export const DEFAULT_RESPONSE_RULES: ResponseRules = Object.freeze({
  sendFailureReason: true,
  sendExpiredStatus: true,
  validWhenExpired: true,
  sendRecalledStatus: true,
  validWhenRecalled: false,
  sendSuspectStatus: true,
  checkExpirationDay: true,
});

const RULE_KEYS = Object.keys(DEFAULT_RESPONSE_RULES) as (keyof ResponseRules)[];

/**
 * Defaults, then the producer's rules, then the GTIN's override. Merged key by key rather than
 * by spreading: stored rule objects may carry `undefined` or `null` for "not set", and a
 * spread would copy those over the default.
 */
export function resolveResponseRules(
  producerRules?: Partial<ResponseRules>,
  gtinOverride?: Partial<ResponseRules>,
): ResponseRules {
  // Most producers keep the defaults; answering them needs no new object.
  if (producerRules == null && gtinOverride == null) return DEFAULT_RESPONSE_RULES;
  const merged: Record<keyof ResponseRules, boolean> = { ...DEFAULT_RESPONSE_RULES };
  for (const key of RULE_KEYS) {
    merged[key] = gtinOverride?.[key] ?? producerRules?.[key] ?? DEFAULT_RESPONSE_RULES[key];
  }
  return merged;
}
