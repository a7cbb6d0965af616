import type { ChildServer } from './childServer.js';
import { postgresCpuUs } from './procStat.js';
import { runLoad, type LoadResult, type LoadRun } from './runLoad.js';

/** One load run against one server process, with the CPU it and PostgreSQL spent per request. */
export interface Measured extends LoadResult {
  cpuUsPerRequest: number;
  postgresUsPerRequest: number;
}

export type LoadOptions = Omit<LoadRun, 'url'>;

/** Loads `server` from a separate process and reads its CPU time (and PostgreSQL's) before and after. */
export async function measure(server: ChildServer, load: LoadOptions): Promise<Measured> {
  const [cpu, pg] = [server.cpuUs(), postgresCpuUs()];
  const result = await runLoad({ ...load, url: server.url });
  const requests = Math.max(1, result.total);
  return {
    ...result,
    cpuUsPerRequest: (server.cpuUs() - cpu) / requests,
    postgresUsPerRequest: (postgresCpuUs() - pg) / requests,
  };
}

/**
 * `rounds` rounds, each loading every target once in turn, after one warm-up each (JIT, pools).
 * The machine is shared: alternating the targets within a round lets drift between rounds cancel
 * in ratios taken within a round. Returns results per target, one per round.
 */
export async function interleaved<T>(
  targets: readonly T[],
  rounds: number,
  run: (target: T, round: number) => Promise<Measured>,
): Promise<Measured[][]> {
  for (const target of targets) await run(target, -1);
  const results = targets.map((): Measured[] => []);
  for (let round = 0; round < rounds; round++)
    for (const [i, target] of targets.entries()) results[i]!.push(await run(target, round));
  return results;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** "median (min-max)" of `values`, each with `digits` decimals. */
export function spread(values: number[], digits = 0, unit = ''): string {
  const f = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  if (values.length === 0) return 'n/a';
  if (values.length === 1) return `${f(values[0]!)}${unit}`;
  return `${f(median(values))}${unit} (${f(Math.min(...values))}-${f(Math.max(...values))})`;
}

/** Per-round ratios a[i] / b[i] of one figure. */
export const ratios = (a: Measured[], b: Measured[], pick: (m: Measured) => number): number[] =>
  a.map((m, i) => pick(m) / pick(b[i]!));

export const errorsOf = (results: Measured[]): number => results.reduce((n, r) => n + r.errors + r.non2xx, 0);
export const requestsOf = (results: Measured[]): number => results.reduce((n, r) => n + r.total, 0);
