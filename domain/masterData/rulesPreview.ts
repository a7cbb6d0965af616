import { selectProduct, type MasterDataRules } from './rules.js';
import type { Product } from './product.js';

export const PREVIEW_EXAMPLES = 10;

export interface RulesPreview {
  total: number;
  selected: number;
  excluded: number;
  /** The first excluded products (in the order seen) and why. */
  examples: { gtin: string; reason: string }[];
}

export const emptyPreview = (): RulesPreview => ({ total: 0, selected: 0, excluded: 0, examples: [] });

/** Adds one batch of products to a running preview of what the rules would select. */
export function previewBatch(
  preview: RulesPreview,
  products: readonly Pick<Product, 'gtin' | 'brandName' | 'targetMarkets'>[],
  rules: MasterDataRules,
): RulesPreview {
  for (const product of products) {
    const selection = selectProduct(product, rules);
    preview.total++;
    if (selection.selected) preview.selected++;
    else {
      preview.excluded++;
      if (preview.examples.length < PREVIEW_EXAMPLES)
        preview.examples.push({ gtin: product.gtin, reason: selection.reason });
    }
  }
  return preview;
}
