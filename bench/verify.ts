import { startBenchDatabase } from './lib/benchDatabase.js';
import { setting, type BenchResult } from './lib/benchResult.js';
import { topSelfTime } from './lib/cpuProfile.js';
import { errorsOf, interleaved, measure, ratios, spread, type Measured } from './lib/rounds.js';
import { runIfMain } from './lib/runIfMain.js';
import { seedVerifyFixture } from './lib/verifyFixture.js';
import { API_COMMAND, startApiProcess, startBaselineProcess } from './lib/vrsProcesses.js';

const CONNECTIONS = 50;

/**
 * Verify as a consumer sees it: the production API process (auth, one indexed read, rules,
 * history) against two baselines in processes of their own, a bare Hono route doing the one
 * primary-key SELECT with the same pool size and one answering constant JSON; autocannon in a
 * fourth process, random existing serials, interleaved rounds. CPU per request is read from
 * /proc for each server and for PostgreSQL: on a shared machine it moves less than req/s.
 * BENCH_PROFILE=1 runs the API with --cpu-prof and adds its top self-time frames.
 */
export async function runVerifyBench(): Promise<BenchResult> {
  const seconds = setting('BENCH_SECONDS', 10, 3);
  const rounds = setting('BENCH_ROUNDS', 5, 2);
  const profile = process.env.BENCH_PROFILE === '1';
  const database = await startBenchDatabase(4);
  const fixture = await seedVerifyFixture(database.db, setting('BENCH_VERIFY_SERIALS', 100_000, 100_000));
  const env = fixture.apiEnv(database.url);
  const api = await startApiProcess(env, { profile });
  const servers = [
    await startBaselineProcess('constant'),
    await startBaselineProcess('pk', { ...env, SERIAL_TABLE: fixture.serialTable }),
    api,
  ];
  const names = ['constant JSON (Hono)', 'one PK SELECT (Hono + kysely, same pool)', `vrs API (${API_COMMAND})`];
  let results: Measured[][];
  let vrsRequests = 0;
  try {
    results = await interleaved([0, 1, 2], rounds, async (i) => {
      const result = await measure(servers[i]!, fixture.load(seconds, CONNECTIONS));
      if (i === 2) vrsRequests += result.total;
      return result;
    });
  } finally {
    for (const server of servers) await server.stop(); // the API writes its history buffer first
  }
  const history = await fixture.historyRows();
  await database.stop();

  const [, pk, vrs] = results as [Measured[], Measured[], Measured[]];
  const lines = [
    `| server, own process (${CONNECTIONS} connections, ${seconds} s; median (min-max) of ${rounds} interleaved rounds) | req/s | p50 ms | p99 ms | server CPU µs/request | PostgreSQL CPU µs/request | errors |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r, i) =>
        `| ${names[i]} | ${spread(r.map((m) => m.rps))} | ${spread(r.map((m) => m.p50))} | ${spread(r.map((m) => m.p99))} | ${spread(r.map((m) => m.cpuUsPerRequest))} | ${spread(r.map((m) => m.postgresUsPerRequest))} | ${errorsOf(r)} |`,
    ),
  ];
  const throughput = spread(
    ratios(vrs, pk, (m) => m.rps),
    2,
    'x',
  );
  const p99 = spread(
    ratios(vrs, pk, (m) => m.p99),
    2,
    'x',
  );
  const cpu = spread(
    ratios(vrs, pk, (m) => m.cpuUsPerRequest),
    2,
    'x',
  );
  const historyOk = history >= vrsRequests && history <= vrsRequests + CONNECTIONS * (rounds + 1);
  const recorded = `${history.toLocaleString('en-US')} rows for ${vrsRequests.toLocaleString('en-US')} answered requests (up to ${CONNECTIONS} more were in flight when each run ended)${historyOk ? '' : ': MISMATCH'}`;
  lines.push(
    '',
    `vrs / PK SELECT, ratios within each round: throughput ${throughput}, p99 ${p99}, server CPU per request ${cpu}. History: ${recorded}.${profile ? ' Profiled (--cpu-prof): figures include the profiler.' : ''}`,
  );
  if (api.profileDir) lines.push('', topSelfTime(api.profileDir, vrsRequests));
  return {
    details: lines.join('\n'),
    summary: [
      { measure: 'verify throughput vs one PK SELECT (separate processes)', value: throughput, target: '>= 1.0x' },
      { measure: 'verify p99 vs one PK SELECT', value: p99, target: '<= 1.2x' },
      { measure: 'verify server CPU per request vs one PK SELECT', value: cpu, target: '' },
      { measure: 'verify requests recorded in history', value: historyOk ? 'all' : recorded, target: 'all' },
    ],
  };
}

runIfMain(import.meta.url, async () => (await runVerifyBench()).details);
