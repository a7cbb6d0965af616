import { prefixesOverlap } from '../gs1/companyPrefix.js';

/** A company's claim on a GS1 company prefix (one entry of its `companyPrefixes`). */
export interface PrefixClaim {
  companyId: string;
  prefix: string;
}

/** For each of `prefixes` (by index), the first claim of another company that shares a GTIN with it. */
export function claimsAgainst(
  prefixes: readonly string[],
  companyId: string | undefined,
  claims: readonly PrefixClaim[],
): { index: number; prefix: string; held: PrefixClaim }[] {
  return prefixes.flatMap((prefix, index) => {
    const held = claims.find((claim) => claim.companyId !== companyId && prefixesOverlap(prefix, claim.prefix));
    return held ? [{ index, prefix, held }] : [];
  });
}

/** Two claims of different companies on a shared GTIN, with a key that orders and pages them. */
export interface ClaimOverlap {
  key: string;
  claims: [PrefixClaim, PrefixClaim];
}

/**
 * Every pair of overlapping claims of different companies, each pair once, ordered by key. Claims
 * are de-duplicated first, so a prefix listed twice by one company is one claim.
 */
export function overlappingClaims(claims: readonly PrefixClaim[]): ClaimOverlap[] {
  // '.' sorts below every digit, so a prefix comes before the longer ones it starts.
  const unique = [...new Map(claims.map((c) => [`${c.prefix}.${c.companyId}`, c])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, c]) => c);
  const overlaps: ClaimOverlap[] = [];
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) {
      const a = unique[i]!;
      const b = unique[j]!;
      if (a.companyId !== b.companyId && prefixesOverlap(a.prefix, b.prefix))
        overlaps.push({ key: `${a.prefix}.${a.companyId}.${b.prefix}.${b.companyId}`, claims: [a, b] });
    }
  }
  return overlaps.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
