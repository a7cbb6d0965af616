/** An inclusive range of source_serial_events.seq: the events one upload stored. */
export interface SeqRange {
  from: number;
  to: number;
}

/** Every seq of the ranges, range by range. */
export const seqsIn = (ranges: readonly SeqRange[]): number[] =>
  ranges.flatMap(({ from, to }) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i));

/** Sorted, with overlapping or adjacent ranges joined: a repeated signal adds nothing. */
export function coalesceRanges(ranges: readonly SeqRange[]): SeqRange[] {
  const sorted = [...ranges].filter((r) => r.from <= r.to).sort((a, b) => a.from - b.from);
  const out: SeqRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ ...r });
  }
  return out;
}

/** Coalesced ranges cut into groups spanning at most `maxSpan` seqs, so no batch grows unbounded. */
export function chunkRanges(ranges: readonly SeqRange[], maxSpan: number): SeqRange[][] {
  const chunks: SeqRange[][] = [];
  let current: SeqRange[] = [];
  let span = 0;
  for (const range of coalesceRanges(ranges)) {
    for (let from = range.from; from <= range.to;) {
      if (span >= maxSpan) {
        chunks.push(current);
        current = [];
        span = 0;
      }
      const to = Math.min(range.to, from + (maxSpan - span) - 1);
      current.push({ from, to });
      span += to - from + 1;
      from = to + 1;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
