import { stringify } from 'csv-stringify/sync';
import { NEAR_MISS_KINDS, type NearMissKind } from './nearMiss.js';

/** Near misses of one kind, on one GTIN, from one requestor. */
export interface NearMissGroup {
  kind: NearMissKind;
  gtin: string;
  requestorGLN: string | null;
  /** Our tenant's name; null for peers. */
  requestorCompany: string | null;
  count: number;
  lastSeen: Date;
}

/** One near miss as it was asked. */
export interface NearMissExample {
  kind: NearMissKind;
  verifiedAt: Date;
  gtin: string;
  serial: string;
  lot: string;
  expiry: string;
  requestorGLN: string | null;
  /** null for an unknown GTIN (answered 404). */
  failureReason: string | null;
}

const tally = <K extends string>(groups: readonly NearMissGroup[], keyOf: (g: NearMissGroup) => K) => {
  const counts = new Map<K, { count: number; kinds: Partial<Record<NearMissKind, number>>; first: NearMissGroup }>();
  for (const g of groups) {
    const key = keyOf(g);
    const entry = counts.get(key) ?? { count: 0, kinds: {}, first: g };
    entry.count += g.count;
    entry.kinds[g.kind] = (entry.kinds[g.kind] ?? 0) + g.count;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count);
};

/**
 * The report's JSON: totals per kind (every kind listed, zero included), per GTIN and per
 * requestor (each with its kinds), largest first, so the partner whose scanners mangle
 * identifiers is at the top.
 */
export function summarizeNearMisses(groups: readonly NearMissGroup[], examples: readonly NearMissExample[]) {
  const byKind = tally(groups, (g) => g.kind);
  return {
    total: groups.reduce((sum, g) => sum + g.count, 0),
    byKind: NEAR_MISS_KINDS.map((kind) => ({ kind, count: byKind.find((k) => k.first.kind === kind)?.count ?? 0 })),
    byGtin: tally(groups, (g) => g.gtin).map(({ first, count, kinds }) => ({ gtin: first.gtin, count, kinds })),
    byRequestor: tally(groups, (g) => g.requestorGLN ?? '').map(({ first, count, kinds }) => ({
      requestorGLN: first.requestorGLN,
      requestorCompany: first.requestorCompany,
      count,
      kinds,
    })),
    examples: examples.map((e) => ({ ...e, verifiedAt: e.verifiedAt.toISOString() })),
  };
}

export const NEAR_MISS_CSV_COLUMNS = ['kind', 'gtin', 'requestorGLN', 'requestorCompany', 'count', 'lastSeen'] as const;

/** One line per (kind, GTIN, requestor), for a spreadsheet's pivot table. */
export const nearMissCsv = (groups: readonly NearMissGroup[]): string =>
  stringify(
    groups.map((g) => [
      g.kind,
      g.gtin,
      g.requestorGLN ?? '',
      g.requestorCompany ?? '',
      g.count,
      g.lastSeen.toISOString(),
    ]),
    { header: true, columns: [...NEAR_MISS_CSV_COLUMNS], record_delimiter: 'windows' },
  );
