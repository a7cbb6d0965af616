import type { SerialStatus } from '../serials/state.js';
import { decideVerification } from './decide.js';
import { resolveResponseRules, type ResponseRules } from './rules.js';
import type { VerificationData } from './types.js';

/** Packs of one GTIN that answer alike: the same status and flags, expired or not today. */
export interface PackGroup {
  gtin: string;
  status: SerialStatus;
  recalled: boolean;
  suspect: boolean;
  illegitimate: boolean;
  expired: boolean;
  packs: number;
}

/** A set of response rules as stored: the company's, and per-GTIN overrides. */
export interface RuleSet {
  rules: Partial<ResponseRules>;
  overrides: ReadonlyMap<string, Partial<ResponseRules>>;
}

export interface AnswerChange {
  gtin: string;
  packs: number;
  /** What the pack is, in words: "recalled", "expired, suspect", "decommissioned". */
  state: string;
  before: string;
  after: string;
}

export interface ResponseRulesPreview {
  /** Packs in the network, counted. */
  total: number;
  /** Packs whose answer to a fully matching request would differ under the proposed rules. */
  changed: number;
  /** The largest changes first, at most `limit`. */
  changes: AnswerChange[];
}

// A matching request for a group: lot and expiry equal to the pack's, so only the rules decide.
const PAST = '2000-01-01';
const FUTURE = '2999-12-31';
const TODAY = '2500-01-01';
const NOW = new Date(`${TODAY}T12:00:00Z`);

function answerFor(group: PackGroup, rules: ResponseRules): VerificationData {
  const expiryDate = group.expired ? PAST : FUTURE;
  return decideVerification({
    serial: {
      lot: 'L',
      expiry: '',
      expiryDate,
      extendedExpiry: null,
      extendedExpiryDate: null,
      status: group.status,
      flags: {
        recalled: group.recalled,
        suspect: group.suspect,
        illegitimate: group.illegitimate,
        expirationExtended: false,
      },
    },
    request: { lot: 'L', expiry: '', expiryDate },
    now: NOW,
    timeZone: 'UTC',
    rules,
  });
}

/** "not verified (Manufacturer_policy; Recalled)" */
export function describeAnswer(answer: VerificationData): string {
  const info = answer.additionalInfo?.length ? answer.additionalInfo.join(', ') : '';
  if (answer.verified) return info ? `verified (${info})` : 'verified';
  return `not verified (${[answer.verificationFailureReason, info].filter(Boolean).join('; ')})`;
}

function describeState(group: PackGroup): string {
  const words = [
    group.status === 'commissioned' ? '' : group.status,
    group.recalled ? 'recalled' : '',
    group.suspect ? 'suspect' : '',
    group.illegitimate ? 'illegitimate' : '',
    group.expired ? 'expired' : '',
  ].filter(Boolean);
  return words.length > 0 ? words.join(', ') : 'commissioned';
}

const rulesOf = (set: RuleSet, gtin: string) => resolveResponseRules(set.rules, set.overrides.get(gtin));

/**
 * How the answers to the producer's own packs would change if `proposed` replaced `current`:
 * "these rules would change the answer for 12 of 4,000 packs". Only fully matching requests are
 * judged, since a mismatch answers the same whatever the rules reveal about the real pack.
 */
export function previewResponseRules(
  groups: Iterable<PackGroup>,
  current: RuleSet,
  proposed: RuleSet,
  limit = 20,
): ResponseRulesPreview {
  let total = 0;
  let changed = 0;
  const changes: AnswerChange[] = [];
  for (const group of groups) {
    total += group.packs;
    const before = describeAnswer(answerFor(group, rulesOf(current, group.gtin)));
    const after = describeAnswer(answerFor(group, rulesOf(proposed, group.gtin)));
    if (before === after) continue;
    changed += group.packs;
    changes.push({ gtin: group.gtin, packs: group.packs, state: describeState(group), before, after });
  }
  changes.sort((a, b) => b.packs - a.packs || a.gtin.localeCompare(b.gtin));
  return { total, changed, changes: changes.slice(0, limit) };
}
