/** One line of `npm run bench`'s summary table. */
export interface SummaryRow {
  measure: string;
  value: string;
  target: string;
}

/** What a scenario hands back: its own tables (markdown) and its lines for the summary. */
export interface BenchResult {
  details: string;
  summary: SummaryRow[];
}

export const QUICK = process.env.BENCH_QUICK === '1';

/** A numeric setting: the environment's, else the quick or the full default. */
export const setting = (name: string, full: number, quick: number): number =>
  process.env[name] !== undefined ? Number(process.env[name]) : QUICK ? quick : full;
