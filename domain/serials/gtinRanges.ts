/** A half-open GTIN range [gtinFrom, gtinTo); an absent bound is open. */
export interface GtinRange {
  gtinFrom?: string;
  gtinTo?: string;
}

/**
 * Cuts the GTIN key space into at most `parts` contiguous ranges of about equal weight (serials
 * per GTIN, usually from a sample). One GTIN is never split, so a GTIN heavier than a share
 * gives fewer ranges. The first range is open below and the last open above: every GTIN falls
 * in exactly one range, even one the sample missed.
 */
export function splitGtinRanges(weights: readonly { gtin: string; weight: number }[], parts: number): GtinRange[] {
  const byGtin = new Map<string, number>();
  for (const { gtin, weight } of weights) if (weight > 0) byGtin.set(gtin, (byGtin.get(gtin) ?? 0) + weight);
  const sorted = [...byGtin]
    .map(([gtin, weight]) => ({ gtin, weight }))
    .sort((a, b) => (a.gtin < b.gtin ? -1 : a.gtin > b.gtin ? 1 : 0));
  const total = sorted.reduce((n, w) => n + w.weight, 0);
  const cuts: string[] = [];
  let seen = 0;
  for (const { gtin, weight } of sorted) {
    // A cut goes before this GTIN once the weight before it reaches the next share.
    if (cuts.length < parts - 1 && seen >= (total * (cuts.length + 1)) / parts) cuts.push(gtin);
    seen += weight;
  }
  return Array.from({ length: cuts.length + 1 }, (_, i) => ({
    ...(i > 0 && { gtinFrom: cuts[i - 1]! }),
    ...(i < cuts.length && { gtinTo: cuts[i]! }),
  }));
}

/** Whether a GTIN falls in the half-open range. */
export const inGtinRange = (gtin: string, range: GtinRange): boolean =>
  (range.gtinFrom === undefined || gtin >= range.gtinFrom) && (range.gtinTo === undefined || gtin < range.gtinTo);

/** The weight (serials per GTIN, usually estimated from a sample) that falls in a range. */
export function weightIn(weights: readonly { gtin: string; weight: number }[], range: GtinRange): number {
  return weights.reduce((sum, w) => (inGtinRange(w.gtin, range) ? sum + w.weight : sum), 0);
}
