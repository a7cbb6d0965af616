import type { BenchResult } from './lib/benchResult.js';
import { describeMachine } from './lib/machine.js';

/**
 * `npm run bench [-- name ...]`: runs the named benchmarks (default: all) one after another, each
 * printing its tables as it ends, then one summary table of all of them with the machine they ran
 * on. BENCH_QUICK=1: every scenario at small scale.
 */
const benches: Record<string, () => Promise<string | BenchResult>> = {
  gs1: async () => (await import('./gs1.js')).runGs1Bench(),
  verify: async () => (await import('./verify.js')).runVerifyBench(),
  verifyBusy: async () => (await import('./verifyBusy.js')).runVerifyBusyBench(),
  verifyScale: async () => (await import('./verifyScale.js')).runVerifyScaleBench(),
  incremental: async () => (await import('./incremental.js')).runIncrementalBench(),
  masterData: async () => (await import('./masterData.js')).runMasterDataBench(),
  serials: async () => (await import('./serials.js')).runSerialsBench(),
  routed: async () => (await import('./routed.js')).runRoutedBench(),
  verifyBudget: async () => (await import('./verifyBudget.js')).runVerifyBudgetBench(),
};

const names = process.argv.slice(2);
const unknown = names.filter((n) => !(n in benches));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
const machine = describeMachine();
const summary = ['| benchmark | measure | value | target |', '|---|---|---|---|'];
let failed = false;
for (const name of names.length ? names : Object.keys(benches)) {
  console.log(`\n## ${name}\n`);
  const started = performance.now();
  try {
    const result = await benches[name]!();
    const { details, summary: rows } = typeof result === 'string' ? { details: result, summary: [] } : result;
    console.log(details);
    for (const row of rows) summary.push(`| ${name} | ${row.measure} | ${row.value} | ${row.target} |`);
    if (rows.length === 0) summary.push(`| ${name} | see its table above | | |`);
  } catch (error) {
    failed = true;
    console.error(error);
    summary.push(`| ${name} | failed: ${String(error instanceof Error ? error.message : error).split('\n')[0]} | | |`);
  }
  console.error(`[bench] ${name} took ${Math.round((performance.now() - started) / 1000)} s`);
}
console.log(`\n## Summary\n\n${machine}${process.env.BENCH_QUICK === '1' ? '; BENCH_QUICK=1 (small scale)' : ''}\n`);
console.log(summary.join('\n'));
process.exit(failed ? 1 : 0);
