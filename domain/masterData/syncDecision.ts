import type { Product } from './product.js';
import { selectProduct, type MasterDataRules } from './rules.js';
import { isUsTargetMarket } from './targetMarkets.js';
import { validateProduct, type ValidationContext } from './validate.js';

export type SkipCode = 'not_us_market' | 'not_selected' | 'invalid';

export type SyncDecision = { state: 'synced'; product: Product } | { state: 'skipped'; code: SkipCode; reason: string };

/**
 * Whether one source product reaches the network, and if not why (the sync report and
 * `syncReason` show `reason`). Validation runs again although uploads were validated:
 * a producer's company prefixes may have changed since. Order: the record must be
 * readable at all, then the US-market filter (domain.md: stored but never synced), then
 * the producer's rules.
 */
export function decideSync(record: unknown, rules: MasterDataRules, ctx: ValidationContext): SyncDecision {
  const valid = validateProduct(record, ctx);
  if (!valid.ok) {
    const reason = valid.error.map((e) => `${e.path}: ${e.message}`).join('; ');
    return { state: 'skipped', code: 'invalid', reason: `invalid: ${reason}` };
  }
  const product = valid.value;
  if (!product.targetMarkets.some(isUsTargetMarket)) {
    const markets = product.targetMarkets.length === 0 ? 'none given' : product.targetMarkets.join(', ');
    return { state: 'skipped', code: 'not_us_market', reason: `no US target market (${markets})` };
  }
  const selection = selectProduct(product, rules);
  if (!selection.selected) return { state: 'skipped', code: 'not_selected', reason: selection.reason };
  return { state: 'synced', product };
}
