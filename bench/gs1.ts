import { parseScan } from '../domain/gs1/index.js';
import { setting, type BenchResult } from './lib/benchResult.js';
import { runIfMain } from './lib/runIfMain.js';
import { wholeNumber } from './lib/wholeNumber.js';

/**
 * Parses/s of a typical pack DataMatrix (]d2, AIs 01 17 10 21, GS after the lot), against a
 * baseline any parser must pay: split on GS and slice off the AI prefixes. Standalone:
 * `npx tsx bench/gs1.ts`.
 */
const SCAN = ']d2010036141456789417270228101908642E\u001d21400806ABCDEF';
const now = new Date('2026-06-15T00:00:00Z');
const opts = { now };

function baseline(input: string): number {
  const parts = input.slice(3).split('\u001d');
  let total = 0;
  for (const part of parts) total += part.slice(2).length;
  return total;
}

function parse(input: string): number {
  const result = parseScan(input, opts);
  if (!result.ok) throw new Error(`bench input does not parse: ${result.error[0]?.message}`);
  return result.value.elements.length;
}

/** Ops/s over `seconds`, after a warm-up so the JIT has optimised the function. */
function measure(fn: (s: string) => number, seconds: number): number {
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += fn(SCAN);
  const batch = 10_000;
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < seconds * 1000) {
    for (let i = 0; i < batch; i++) sink += fn(SCAN);
    ops += batch;
    elapsed = performance.now() - start;
  }
  // Use the results so the work cannot be optimised away.
  if (sink === -1) console.log(sink);
  return (ops / elapsed) * 1000;
}

export async function runGs1Bench(seconds = setting('BENCH_GS1_SECONDS', 3, 1)): Promise<BenchResult> {
  const rows: [string, number][] = [
    ['baseline: split on GS + slice AI', measure(baseline, seconds)],
    ['parseScan (]d2 DataMatrix, 4 AIs)', measure(parse, seconds)],
  ];
  const base = rows[0]?.[1] ?? 1;
  const lines = ['| name | ops/s | ratio to baseline |', '|---|---:|---:|'];
  for (const [name, ops] of rows) lines.push(`| ${name} | ${wholeNumber(ops)} | ${(ops / base).toFixed(2)} |`);
  return {
    details: lines.join('\n'),
    summary: [{ measure: 'GS1 DataMatrix parses/s, one core', value: wholeNumber(rows[1]![1]), target: '> 1,000,000' }],
  };
}

runIfMain(import.meta.url, async () => (await runGs1Bench()).details);
