/**
 * GS1 company prefixes as this VRS keys them: the digits that follow a GTIN-14's indicator digit
 * (domain.md: a producer may publish only the GTINs under its prefixes).
 */

/** The prefix among `prefixes` that the GTIN-14 lies under, if any (the longest, should several). */
export function prefixOfGtin(gtin14: string, prefixes: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const prefix of prefixes) {
    if (prefix.length > 0 && gtin14.startsWith(prefix, 1) && prefix.length > (found?.length ?? 0)) found = prefix;
  }
  return found;
}

export const gtinWithinPrefixes = (gtin14: string, prefixes: readonly string[]): boolean =>
  prefixOfGtin(gtin14, prefixes) !== undefined;

/** Some GTIN lies under both exactly when one prefix starts with the other (0312345 and 03123456). */
export const prefixesOverlap = (a: string, b: string): boolean => a.startsWith(b) || b.startsWith(a);

/** The row-report message for a GTIN a producer may not publish, naming its prefixes. */
export function outsidePrefixesMessage(gtin14: string, prefixes: readonly string[]): string {
  const known = prefixes.length === 0 ? 'none registered' : prefixes.join(', ');
  return `GTIN ${gtin14} is outside the producer's company prefixes (${known})`;
}
