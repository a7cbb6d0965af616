import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { issueApiKey } from '../api/companies/companies.js';
import { poolOf } from '../db/pool.js';
import { insertCompany } from '../db/repositories/companies.js';
import { withClient } from '../db/serialSync/rawClient.js';
import { ensureSerialTable } from '../db/serialSync/serialTables.js';
import { API_HEAP_FLAGS, API_START_COMMAND } from './lib/apiNodeFlags.js';
import { startBenchDatabase } from './lib/benchDatabase.js';
import { runIfMain } from './lib/runIfMain.js';
import { runLoad } from './lib/runLoad.js';
import { benchGtin } from './lib/serialSource.js';

const POOL = 20;
const PRODUCTS = 100;
const SERIALS_PER_PRODUCT = 1_000;
const CONNECTIONS = 50;
const root = fileURLToPath(new URL('..', import.meta.url));
const TICK_US = 1e6 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

const statOf = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');

/** CPU a process has used so far (user + system), in µs; `children` adds what its reaped children used. */
function cpuUs(pid: number, children = false): number {
  const fields = statOf(pid);
  return [11, 12, ...(children ? [13, 14] : [])].reduce((n, i) => n + Number(fields[i]) * TICK_US, 0); // utime stime cutime cstime
}

/** A server's user and system CPU (µs), its read and write system calls and its minor page faults so far. */
function usageOf(pid: number) {
  const fields = statOf(pid);
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const count = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(io)![1]);
  return {
    user: Number(fields[11]) * TICK_US,
    sys: Number(fields[12]) * TICK_US,
    syscalls: count('syscr') + count('syscw'),
    faults: Number(fields[7]), // minflt
  };
}

/** PostgreSQL's CPU: the postmaster, every live backend, and every backend that has exited (reaped into cutime). */
function postgresCpuUs(postmaster: number): number {
  let total = cpuUs(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(statOf(Number(entry))[1]) === postmaster) total += cpuUs(Number(entry));
    } catch {
      // exited between the listing and the read: its time is in the postmaster's cutime now
    }
  }
  return total;
}

interface Server {
  name: string;
  pid: number;
  url: string;
  headers: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts `node <args>` and resolves once a line of its output yields the URL it listens on. */
async function startServer(
  name: string,
  args: string[],
  env: Record<string, string>,
  urlOf: (line: string) => string | undefined,
  headers: Record<string, string> = {},
  cwd = root,
): Promise<Server> {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output = (output + d.toString()).slice(-20_000);
      for (const line of output.split('\n')) {
        const found = urlOf(line);
        if (found) return resolve(found);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => reject(new Error(`${name} exited before it listened:\n${output}`)));
  });
  child.stdout.removeAllListeners('data').resume(); // drained, so a full pipe never blocks it
  child.stderr.removeAllListeners('data').resume();
  return {
    name,
    pid: child.pid!,
    url,
    headers,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The top self-time functions of a V8 CPU profile from `sinceUs` (the monotonic clock, as
 * process.hrtime), in µs per request. Samples are wall time: a write that wakes another process
 * on a busy machine is charged for the time the kernel ran that process instead.
 */
function topFunctions(dir: string, sinceUs: number, requests: number, count = 20): string[] {
  // The main thread's is the largest (tsx's loader thread writes one too).
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
  if (!file) return ['(no profile written)'];
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const keyOf = new Map(
    profile.nodes.map(({ id, callFrame: f }) => [
      id,
      `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(`file://${root}`, '')}:${f.lineNumber + 1}`,
    ]),
  );
  const self = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i]!;
    if (at < sinceUs) return;
    const key = keyOf.get(id)!;
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i]!);
  });
  self.delete('(idle) :0');
  const busy = [...self.values()].reduce((a, b) => a + b, 0);
  return [
    `  ${(busy / requests).toFixed(2).padStart(7)} µs  100.0%  (busy in all)`,
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(
        ([key, us]) =>
          `  ${(us / requests).toFixed(2).padStart(7)} µs  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${key}`,
      ),
  ];
}

/**
 * Verify's CPU per request against a bare Hono route doing one primary-key SELECT through kysely
 * and pg with the same pool: both in processes of their own (the production API as `npm run
 * start:api` runs it, built by `npm run build`), autocannon in a third, interleaved rounds. CPU
 * per request is the server process's utime+stime over a round divided by the requests it
 * answered, so other load on the machine does not count; PostgreSQL's CPU likewise.
 * BENCH_COMPARE_API=<checkout> adds that checkout's built API to the rounds (before/after a change).
 * BENCH_PROFILE=1 runs both with --cpu-prof and prints their top self-time functions (any other
 * value keeps the profiles, for the Chrome DevTools or speedscope).
 */
export async function runVerifyBudgetBench(
  seconds = Number(process.env.BENCH_SECONDS ?? 10),
  rounds = Number(process.env.BENCH_ROUNDS ?? 5),
): Promise<string> {
  if (!process.env.BENCH_SKIP_BUILD) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  const database = await startBenchDatabase(POOL);
  const { db } = database;
  const producer = await insertCompany(db, { name: 'Bench Pharma', gln: '0312345000011', roles: ['producer'] });
  const consumer = await insertCompany(db, { name: 'Bench Distributor', gln: '0321012345676', roles: ['consumer'] });
  const gtins = Array.from({ length: PRODUCTS }, (_, i) => benchGtin(i + 1));
  await sql`insert into network_products (gtin, producer_company_id, producer_gln, data, source_hash)
    select g, ${producer.id}::uuid, ${producer.gln}, '{}'::jsonb, 'bench' from unnest(${gtins}::text[]) g`.execute(db);
  const table = await withClient(poolOf(db), (client) => ensureSerialTable(client, producer.id));
  await sql`insert into network_serials (gtin, serial, producer_company_id, lot, expiry, expiry_date, status, event_time, event_id)
    select g, 'SN' || s, ${producer.id}::uuid, 'LOT1', '281231', '2028-12-31', 'commissioned', now(), 'ev-' || s
    from unnest(${gtins}::text[]) g, generate_series(1, ${SERIALS_PER_PRODUCT}) s`.execute(db);
  await sql`vacuum analyze`.execute(db);
  const { apiKey } = await issueApiKey(db, consumer.id);
  const { rows } = await poolOf(db).query<{ pid: number }>('select pg_backend_pid() as pid');
  const postmaster = Number(statOf(rows[0]!.pid)[1]);
  const local =
    existsSync(`/proc/${postmaster}/cmdline`) &&
    readFileSync(`/proc/${postmaster}/cmdline`, 'utf8').includes('postgres');

  // The production command line: `npm run start:api` minus the npm wrapper, so the pid is the API's.
  const startApi = API_START_COMMAND.slice(1);
  const profileDirs = process.env.BENCH_PROFILE
    ? [0, 1].map(() => mkdtempSync(path.join(os.tmpdir(), 'vrs-prof-')))
    : [];
  const profiling = (i: number) => (profileDirs[i] ? ['--cpu-prof', `--cpu-prof-dir=${profileDirs[i]}`] : []);
  const env = { DATABASE_URL: database.url, DB_POOL_SIZE: String(POOL) };
  const masterKey = randomBytes(32).toString('base64');
  const startVrs = (name: string, cwd: string, profile: string[]) =>
    startServer(
      name,
      [...profile, ...startApi],
      {
        ...env,
        TEMPORAL_ADDRESS: '127.0.0.1:1', // lazy: a verification never calls Temporal
        HOST: '127.0.0.1',
        PORT: '0',
        VRS_MASTER_KEY: masterKey,
        BRUTE_FORCE_LIMIT: '1000000',
        LOG_LEVEL: 'info',
        RUN_MIGRATIONS: 'false',
      },
      (line) => (line.includes('api listening') ? /"url":"([^"]+)"/.exec(line)?.[1] : undefined),
      { authorization: `Bearer ${apiKey}` },
      cwd,
    );
  const compare = process.env.BENCH_COMPARE_API; // another checkout, built: its API in the same rounds
  const servers: Server[] = [];
  const paths = Array.from(
    { length: 2_000 },
    (_, i) =>
      `/verify/gtin/${gtins[i % PRODUCTS]}/lot/LOT1/ser/SN${((i * 7919) % SERIALS_PER_PRODUCT) + 1}?exp=281231&linkType=verificationService&context=dscsaSaleableReturn&reqGLN=${consumer.gln}&corrUUID=21EC2020-3AEA-4069-A2DD-08002B30309D`,
  );
  const served: number[] = [];
  let measuredFromUs = 0;
  const measure = async (i: number) => {
    const server = servers[i]!;
    const [before, pg] = [usageOf(server.pid), local ? postgresCpuUs(postmaster) : 0];
    const result = await runLoad({
      url: server.url,
      paths,
      headers: server.headers,
      connections: CONNECTIONS,
      seconds,
    });
    if (measuredFromUs) served[i] = (served[i] ?? 0) + result.total;
    if (result.errors + result.non2xx > 0)
      throw new Error(`${server.name}: ${result.errors + result.non2xx} failed requests`);
    const after = usageOf(server.pid);
    const per = (pick: (u: typeof after) => number) => (pick(after) - pick(before)) / result.total;
    return {
      node: per((u) => u.user + u.sys),
      user: per((u) => u.user),
      sys: per((u) => u.sys),
      syscalls: per((u) => u.syscalls),
      faults: per((u) => u.faults),
      pg: local ? (postgresCpuUs(postmaster) - pg) / result.total : NaN,
      rps: result.rps,
    };
  };
  const results: Awaited<ReturnType<typeof measure>>[][] = [];
  try {
    servers.push(
      await startServer(
        'PK SELECT (Hono + kysely)',
        [...API_HEAP_FLAGS, ...profiling(0), '--import', 'tsx', 'bench/lib/pkSelectServer.ts'],
        { ...env, SERIAL_TABLE: table },
        (line) => (line.startsWith('ready ') ? (JSON.parse(line.slice(6)) as { url: string }).url : undefined),
      ),
    );
    servers.push(await startVrs('vrs verify + auth + history (start:api)', root, profiling(1)));
    if (compare) servers.push(await startVrs(`vrs of ${compare}`, compare, []));
    for (let i = 0; i < servers.length; i++) await measure(i); // warm-up: JIT, pools, prepared statements
    measuredFromUs = Number(process.hrtime.bigint() / 1000n); // profiles count from here
    for (let round = 0; round < rounds; round++) {
      const row = [];
      for (let i = 0; i < servers.length; i++) row.push(await measure(i));
      results.push(row);
    }
  } finally {
    // Also on a failure: no server or PostgreSQL is left running.
    for (const server of servers) await server.stop();
    await database.stop();
  }

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const spread = (values: number[], digits: number) =>
    `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;
  const lines = [
    `| server (${CONNECTIONS} connections, ${seconds} s x ${rounds} interleaved rounds) | server CPU µs/request (median; range) | user / sys µs | read+write syscalls, page faults /request | PostgreSQL CPU µs/request | req/s | server CPU vs PK SELECT |`,
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  servers.forEach((server, i) => {
    const of = (pick: (r: Awaited<ReturnType<typeof measure>>) => number) => results.map((r) => pick(r[i]!));
    const node = of((r) => r.node);
    const ratios = results.map((r) => r[i]!.node / r[0]!.node);
    lines.push(
      `| ${server.name} | ${median(node).toFixed(1)} (${spread(node, 1)}) | ${median(of((r) => r.user)).toFixed(1)} / ${median(of((r) => r.sys)).toFixed(1)} | ${median(of((r) => r.syscalls)).toFixed(2)}, ${median(of((r) => r.faults)).toFixed(2)} | ${median(of((r) => r.pg)).toFixed(1)} | ${Math.round(median(of((r) => r.rps)))} | ${median(ratios).toFixed(2)}x (${spread(ratios, 2)}) |`,
    );
  });
  lines.push('', 'Throughput follows CPU per request when the event loop is the bottleneck: 1.0x CPU is 1.0x req/s.');
  if (compare) {
    const ratios = results.map((r) => r[1]!.node / r[2]!.node);
    lines.push(
      `This checkout's API / ${compare}'s, CPU per request: ${median(ratios).toFixed(3)}x (${spread(ratios, 3)}).`,
    );
  }
  servers.forEach((server, i) => {
    if (!profileDirs[i]) return;
    lines.push(
      '',
      `Top self time, ${server.name} (wall µs per request over the ${served[i]} measured requests, % of busy time):`,
    );
    lines.push(...topFunctions(profileDirs[i]!, measuredFromUs, served[i]!));
    if (process.env.BENCH_PROFILE === '1') rmSync(profileDirs[i]!, { recursive: true, force: true });
    else lines.push(`  profile kept in ${profileDirs[i]}`);
  });
  if (profileDirs.length) lines.push('', `measured rounds from ${measuredFromUs} µs (monotonic clock)`);
  return lines.join('\n');
}

runIfMain(import.meta.url, runVerifyBudgetBench);
