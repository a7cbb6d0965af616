import { z } from 'zod';
import type { Product } from './product.js';

/**
 * Master-data rules (api.md): which of a producer's products sync to the network. A clause
 * matches when every field it sets matches (AND); the rules select a product when some
 * include clause matches (or include is empty) and no exclude clause does.
 */
export const ruleClauseSchema = z.strictObject({
  gtinPrefix: z
    .string()
    .regex(/^\d{1,14}$/, 'digits of a GTIN-14 prefix')
    .optional(),
  brandName: z.string().min(1).optional(),
  targetMarket: z
    .string()
    .regex(/^\d{3}$/, 'a 3-digit ISO 3166 numeric code')
    .optional(),
});

export const masterDataRulesSchema = z.strictObject({
  include: z.array(ruleClauseSchema).default([]),
  exclude: z.array(ruleClauseSchema).default([]),
});

export type RuleClause = z.infer<typeof ruleClauseSchema>;
export type MasterDataRules = { include?: readonly RuleClause[]; exclude?: readonly RuleClause[] };

export type Selection = { selected: true } | { selected: false; reason: string };

type Selectable = Pick<Product, 'gtin' | 'brandName' | 'targetMarkets'>;

/** Brand names are compared as people type them: trimmed and case-insensitive. */
const sameBrand = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function clauseMatches(clause: RuleClause, product: Selectable): boolean {
  if (clause.gtinPrefix !== undefined && !product.gtin.startsWith(clause.gtinPrefix)) return false;
  if (
    clause.brandName !== undefined &&
    (product.brandName === null || !sameBrand(clause.brandName, product.brandName))
  ) {
    return false;
  }
  if (clause.targetMarket !== undefined && !product.targetMarkets.includes(clause.targetMarket)) return false;
  return true;
}

export function describeClause(clause: RuleClause): string {
  const parts = Object.entries(clause).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  return parts.length === 0 ? '{}' : parts.join(', ');
}

export function selectProduct(product: Selectable, rules: MasterDataRules): Selection {
  const include = rules.include ?? [];
  if (include.length > 0 && !include.some((clause) => clauseMatches(clause, product))) {
    return { selected: false, reason: 'no include rule matches' };
  }
  const excludedBy = (rules.exclude ?? []).find((clause) => clauseMatches(clause, product));
  if (excludedBy !== undefined) {
    return { selected: false, reason: `excluded by rule ${describeClause(excludedBy)}` };
  }
  return { selected: true };
}
