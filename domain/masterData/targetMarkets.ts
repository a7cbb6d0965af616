/**
 * US target markets (domain.md): the United States and the territories whose packs fall
 * under DSCSA, as ISO 3166-1 numeric codes, the form GDSN `targetMarketCountryCode` uses.
 */
export const US_TARGET_MARKETS: ReadonlyMap<string, string> = new Map([
  ['840', 'United States'],
  ['016', 'American Samoa'],
  ['316', 'Guam'],
  ['580', 'Northern Mariana Islands'],
  ['630', 'Puerto Rico'],
  ['581', 'US Minor Outlying Islands'],
  ['850', 'US Virgin Islands'],
]);

export function isUsTargetMarket(code: string): boolean {
  return US_TARGET_MARKETS.has(code);
}

/** The US markets among `codes`, in their order, without repeats. */
export function selectUsMarkets(codes: readonly string[]): string[] {
  return [...new Set(codes.filter(isUsTargetMarket))];
}
