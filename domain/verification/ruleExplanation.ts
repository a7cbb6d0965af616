import { DEFAULT_RESPONSE_RULES, resolveResponseRules, type ResponseRules } from './rules.js';

/** What each response rule does, in the words a producer reads in its console and API. */
export const RESPONSE_RULE_DESCRIPTIONS: Readonly<Record<keyof ResponseRules, string>> = {
  sendFailureReason: 'when false, every failure reason is answered as No_reason_provided',
  sendExpiredStatus: 'add Expired to additionalInfo when the expiry has passed',
  validWhenExpired: 'when false, an expired pack answers verified: false with Manufacturer_policy',
  sendRecalledStatus: 'add Recalled to additionalInfo for a recalled pack',
  validWhenRecalled: 'when true, a recalled pack can still answer verified: true',
  sendSuspectStatus: 'add Suspect or Illegitimate to additionalInfo',
  checkExpirationDay: 'when false, only the year and month of the expiry are compared',
};

/** Where a rule's effective value comes from: the default, the company's rules, or a GTIN's override. */
export type RuleSource = 'default' | 'company' | 'gtin';

export interface EffectiveRule {
  name: keyof ResponseRules;
  value: boolean;
  default: boolean;
  source: RuleSource;
  description: string;
}

const RULE_NAMES = Object.keys(DEFAULT_RESPONSE_RULES) as (keyof ResponseRules)[];

/** Every rule as answers apply it (resolveResponseRules), with where its value comes from. */
export function explainResponseRules(
  companyRules: Partial<ResponseRules>,
  gtinOverride?: Partial<ResponseRules>,
): EffectiveRule[] {
  const resolved = resolveResponseRules(companyRules, gtinOverride);
  return RULE_NAMES.map((name) => ({
    name,
    value: resolved[name],
    default: DEFAULT_RESPONSE_RULES[name],
    source: gtinOverride?.[name] != null ? 'gtin' : companyRules[name] != null ? 'company' : 'default',
    description: RESPONSE_RULE_DESCRIPTIONS[name],
  }));
}
