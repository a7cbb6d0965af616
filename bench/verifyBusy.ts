import { loadConfig } from '../config.js';
import { launchMasterDataSync } from '../launchers/masterDataSync.js';
import { launchSerialBackfill } from '../launchers/serialBackfill.js';
import { createUpload } from '../db/repositories/uploads.js';
import { setting, type BenchResult } from './lib/benchResult.js';
import { sampleActivity } from './lib/activitySampler.js';
import { startLiveSystem, type LiveSystem } from './lib/liveSystem.js';
import { benchProducts, loadSourceProducts } from './lib/masterDataRows.js';
import { errorsOf, measure, median, spread, type Measured } from './lib/rounds.js';
import { runIfMain } from './lib/runIfMain.js';
import { generateSerialSource, insertSerialProducer } from './lib/serialSource.js';
import { wholeNumber } from './lib/wholeNumber.js';

const WARMUP_SECONDS = 1;
const log = (line: string) => console.error(`[verifyBusy ${new Date().toISOString().slice(11, 19)}] ${line}`);

/**
 * One verify load run, logged with what else the database was busy with meanwhile and the CPU
 * the worker process spent, so a slow run can be put down to a phase of the work.
 */
async function loadRun(system: LiveSystem, seconds: number, label: string): Promise<Measured> {
  const activity = sampleActivity(system.db);
  const workerCpu = system.worker.cpuUs();
  try {
    // The load process's own start (tsx, autocannon) takes most of a core for a second: under the
    // work it shares the cores and its first answers wait in its socket, not in the API.
    const run = await measure(system.api, { ...system.fixture.load(seconds), warmupSeconds: WARMUP_SECONDS });
    const workerShare = (system.worker.cpuUs() - workerCpu) / ((seconds + WARMUP_SECONDS) * 1e6);
    log(
      `${label}: p99 ${run.p99} ms (per second: ${run.p99PerSecond.join(' ')}), ${wholeNumber(run.rps)} req/s, worker ${(workerShare * 100).toFixed(0)}% of a core; active: ${activity.take()}`,
    );
    return run;
  } finally {
    await activity.stop();
  }
}

/** Verify load runs of `seconds` one after another until `work` ends (at least one run). */
async function loadWhile(
  system: LiveSystem,
  seconds: number,
  work: Promise<unknown>,
  label: string,
): Promise<Measured[]> {
  let done = false;
  const ended = work.finally(() => (done = true));
  const runs: Measured[] = [];
  do runs.push(await loadRun(system, seconds, `${label} run ${runs.length + 1}`));
  while (!done);
  await ended;
  return runs;
}

/**
 * Verify p99 while the system works, against idle (measured before and after): during a serial
 * backfill of BENCH_BACKFILL_SERIALS serials and during a master-data sync of BENCH_PRODUCTS
 * products of another producer, run by the production worker process. Target: <= 2x idle.
 */
export async function runVerifyBusyBench(): Promise<BenchResult> {
  const seconds = setting('BENCH_SECONDS', 10, 3);
  const rounds = setting('BENCH_ROUNDS', 3, 1);
  const serials = setting('BENCH_BACKFILL_SERIALS', 10_000_000, 200_000);
  const products = setting('BENCH_PRODUCTS', 100_000, 5_000);
  let companyId = '';
  const system = await startLiveSystem({
    verifySerials: 100_000,
    settings: { shared_buffers: '2GB', max_wal_size: '8GB' },
    async prepare(db) {
      const producer = await insertSerialProducer(db);
      companyId = producer.id;
      log(`generating ${wholeNumber(serials)} source events and ${wholeNumber(products)} source products`);
      await generateSerialSource(db, producer.id, serials, log);
      const upload = { companyId, kind: 'master-data', contentType: 'text/csv', status: 'running' } as const;
      await loadSourceProducts(db, companyId, await createUpload(db, upload), benchProducts(products));
    },
  });
  const phases: [string, Measured[], number][] = [];
  try {
    await measure(system.api, system.fixture.load(seconds)); // warm-up: JIT, pools, the table's pages
    const idle: Measured[] = [];
    for (let i = 0; i < rounds; i++) idle.push(await loadRun(system, seconds, `idle run ${i + 1}`));
    const during = async (name: string, start: () => Promise<string>) => {
      const started = performance.now();
      const id = await start();
      const runs = await loadWhile(system, seconds, system.launch.temporal.workflow.getHandle(id).result(), name);
      phases.push([name, runs, (performance.now() - started) / 1000]);
      log(`${name}: ${runs.length} load runs`);
    };
    await during(`serial backfill of ${wholeNumber(serials)} serials`, () =>
      launchSerialBackfill(system.launch, { companyId, partitions: loadConfig({}).SERIAL_BACKFILL_PARTITIONS }),
    );
    await during(`master-data sync of ${wholeNumber(products)} products`, () =>
      launchMasterDataSync(system.launch, companyId),
    );
    for (let i = 0; i < rounds; i++) idle.push(await loadRun(system, seconds, `idle run ${rounds + i + 1}`));
    phases.unshift(['idle (before and after)', idle, 0]);
  } finally {
    await system.stop();
  }
  const idleP99 = median(phases[0]![1].map((m) => m.p99));
  // The last run during work outlasts it and would mix idle time into the figure: only runs that
  // ended while the work went on count, unless the work ended within the first.
  const counted = (runs: Measured[], took: number) => (took && runs.length > 1 ? runs.slice(0, -1) : runs);
  const p99Of = (runs: Measured[]) => median(runs.map((m) => m.p99));
  const lines = [
    `| verify (50 connections, runs of ${seconds} s) while | runs (counted) | req/s | p99 ms | p99 vs idle | work took | errors |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...phases.map(([name, all, took]) => {
      const runs = counted(all, took);
      return `| ${name} | ${all.length} (${runs.length}) | ${spread(runs.map((m) => m.rps))} | ${spread(runs.map((m) => m.p99))} | ${(p99Of(runs) / idleP99).toFixed(2)}x | ${took ? `${took.toFixed(0)} s` : ''} | ${errorsOf(all)} |`;
    }),
    '',
    'Load runs continue until the work ends; the last one, which outlasts it, is not counted unless it is the only one.',
  ];
  return {
    details: lines.join('\n'),
    summary: phases.slice(1).map(([name, all, took]) => {
      const runs = counted(all, took);
      return {
        measure: `verify p99 during a ${name}`,
        value: `${(p99Of(runs) / idleP99).toFixed(2)}x idle (${wholeNumber(p99Of(runs))} / ${wholeNumber(idleP99)} ms; ${runs.length} of ${all.length} runs)`,
        target: '<= 2x idle',
      };
    }),
  };
}

runIfMain(import.meta.url, async () => (await runVerifyBusyBench()).details);
