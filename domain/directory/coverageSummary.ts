/** How often one requestor asked about one GTIN no directory record named, on one UTC day. */
export interface UncoveredCount {
  day: string;
  requestorGln: string | null;
  gtin: string;
  requests: number;
}

export interface CoverageSummary {
  /** Every day that had any, in day order. */
  perDay: { day: string; gtins: number; requests: number }[];
  /** Most asked about first (then GTIN order), with how many requestors asked and when. */
  gtins: { gtin: string; requests: number; requestors: number; firstDay: string; lastDay: string }[];
}

/** The operator's view of coverage: which GTINs lack a record, and how it went day by day. */
export function summarizeCoverage(rows: readonly UncoveredCount[]): CoverageSummary {
  const days = new Map<string, { gtins: Set<string>; requests: number }>();
  const gtins = new Map<
    string,
    { requests: number; requestors: Set<string | null>; firstDay: string; lastDay: string }
  >();
  for (const r of rows) {
    const day = days.get(r.day) ?? { gtins: new Set(), requests: 0 };
    day.gtins.add(r.gtin);
    day.requests += r.requests;
    days.set(r.day, day);
    const g = gtins.get(r.gtin) ?? { requests: 0, requestors: new Set(), firstDay: r.day, lastDay: r.day };
    g.requests += r.requests;
    g.requestors.add(r.requestorGln);
    if (r.day < g.firstDay) g.firstDay = r.day;
    if (r.day > g.lastDay) g.lastDay = r.day;
    gtins.set(r.gtin, g);
  }
  return {
    perDay: [...days]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([day, d]) => ({ day, gtins: d.gtins.size, requests: d.requests })),
    gtins: [...gtins]
      .map(([gtin, g]) => ({
        gtin,
        requests: g.requests,
        requestors: g.requestors.size,
        firstDay: g.firstDay,
        lastDay: g.lastDay,
      }))
      .sort((a, b) => b.requests - a.requests || (a.gtin < b.gtin ? -1 : 1)),
  };
}
