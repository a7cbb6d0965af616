import { sql } from 'kysely';
import { startBenchDatabase } from './lib/benchDatabase.js';
import { freeDiskBytes } from './lib/freeDisk.js';
import { QUICK, setting, type BenchResult } from './lib/benchResult.js';
import { measure, median, spread, type Measured } from './lib/rounds.js';
import { sampleRss } from './lib/rssSampler.js';
import { runIfMain } from './lib/runIfMain.js';
import { seedVerifyFixture } from './lib/verifyFixture.js';
import { startApiProcess } from './lib/vrsProcesses.js';
import { wholeNumber } from './lib/wholeNumber.js';

const log = (line: string) => console.error(`[verifyScale ${new Date().toISOString().slice(11, 19)}] ${line}`);
const GB = 2 ** 30;
// Before any row is measured: a read-table row with its key and share of the WAL, generously.
const FIRST_GUESS_BYTES_PER_ROW = 250;
// Distinct random serials per size: the load generator prepares every request it may send.
const DISTINCT_SERIALS = 10_000;

/**
 * Verify as the read table grows: BENCH_SCALES serials (default 100k, 10M, 100M) generated into
 * the producer's read table, one production API process throughout, throughput, p99 and the
 * API's RSS at each size. PostgreSQL has production-sized shared_buffers, as in verifyBusy. A size the disk cannot hold is skipped and says so.
 */
export async function runVerifyScaleBench(): Promise<BenchResult> {
  const seconds = setting('BENCH_SECONDS', 10, 3);
  const rounds = setting('BENCH_ROUNDS', 3, 1);
  const scales = (process.env.BENCH_SCALES ?? (QUICK ? '100000,1000000' : '100000,10000000,100000000'))
    .split(',')
    .map(Number);
  const database = await startBenchDatabase(4, { shared_buffers: '2GB', max_wal_size: '8GB' });
  const fixture = await seedVerifyFixture(database.db, 0);
  const api = await startApiProcess(fixture.apiEnv(database.url));
  const rows: { scale: number; runs: Measured[]; rssMb: number[] }[] = [];
  const skipped: string[] = [];
  try {
    let bytesPerRow = FIRST_GUESS_BYTES_PER_ROW;
    for (const scale of scales) {
      const have = fixture.perProduct * 100;
      const free = await freeDiskBytes();
      const need = (scale - have) * bytesPerRow * 1.2;
      if (need > free) {
        skipped.push(
          `${wholeNumber(scale)} serials skipped: ${(free / GB).toFixed(0)} GB free, need ${(need / GB).toFixed(0)} GB`,
        );
        log(skipped.at(-1)!);
        continue;
      }
      log(`growing the read table to ${wholeNumber(scale)} serials`);
      await fixture.growTo(scale, log);
      const { rows: size } = await sql<{
        bytes: string;
      }>`select pg_total_relation_size(${fixture.serialTable}) as bytes`.execute(database.db);
      bytesPerRow = Math.max(bytesPerRow, Number(size[0]!.bytes) / scale);
      await sql`checkpoint`.execute(database.db);
      // Drawn again at each size, from the whole table: a small set would stay cached however large the table.
      const load = { ...fixture.load(seconds), paths: fixture.paths(DISTINCT_SERIALS) };
      const rss = sampleRss(api.pid);
      await measure(api, load); // warm-up: the new table's pages, JIT
      const runs: Measured[] = [];
      for (let i = 0; i < rounds; i++) runs.push(await measure(api, load));
      rows.push({ scale, runs, rssMb: rss.stop() });
    }
  } finally {
    await api.stop();
    await database.stop();
  }
  const base = rows[0] ? median(rows[0].runs.map((m) => m.rps)) : NaN;
  const lines = [
    `| serials in the read table | req/s (${rounds} runs of ${seconds} s, 50 connections) | vs the smallest | p99 ms | API RSS peak MB | errors |`,
    '|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      ({ scale, runs, rssMb }) =>
        `| ${wholeNumber(scale)} | ${spread(runs.map((m) => m.rps))} | ${(median(runs.map((m) => m.rps)) / base).toFixed(2)}x | ${spread(runs.map((m) => m.p99))} | ${wholeNumber(Math.max(...rssMb))} | ${runs.reduce((n, m) => n + m.errors + m.non2xx, 0)} |`,
    ),
    ...skipped.map((line) => `\n${line}`),
  ];
  const largest = rows.at(-1);
  return {
    details: lines.join('\n'),
    summary: [
      ...(largest && rows.length > 1
        ? [
            {
              measure: `verify throughput at ${wholeNumber(largest.scale)} serials vs ${wholeNumber(rows[0]!.scale)}`,
              value: `${(median(largest.runs.map((m) => m.rps)) / base).toFixed(2)}x (p99 ${wholeNumber(median(largest.runs.map((m) => m.p99)))} ms)`,
              target: '>= 0.8x',
            },
          ]
        : []),
      {
        measure: 'API RSS peak at any table size',
        value: `${wholeNumber(Math.max(...rows.flatMap((r) => r.rssMb)))} MB`,
        target: '< 256 MB',
      },
      ...skipped.map((line) => ({ measure: 'read table size', value: line, target: '' })),
    ],
  };
}

runIfMain(import.meta.url, async () => (await runVerifyScaleBench()).details);
