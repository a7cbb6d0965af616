import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { API_HEAP_FLAGS } from './apiNodeFlags.js';
import { freePort, startChild, type ChildServer } from './childServer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** BENCH_DEV=1: the TypeScript sources through tsx, as `npm run dev:api`; otherwise the build, as `npm run start:api`. */
const dev = process.env.BENCH_DEV === '1';
let built: Promise<unknown> | undefined;
/** How the API under test runs, for the tables. */
export const API_COMMAND = dev ? '`npm run dev:api`' : '`npm run start:api`';

/** `npm run build` once per bench run, so the production processes run the code under test. */
function ensureBuilt(): Promise<unknown> {
  built ??= dev ? Promise.resolve() : promisify(execFile)('npm', ['run', 'build'], { cwd: root });
  return built;
}

/** Node arguments that run `entry` (a path under the root, without extension) as the npm scripts do. */
const entryArgs = (entry: string): string[] =>
  dev
    ? ['--import', 'tsx', path.join(root, `${entry}.ts`)]
    : ['--enable-source-maps', path.join(root, 'dist', `${entry}.js`)];

/**
 * The production API process (`api/main`) on a free loopback port. `profile`: with `--cpu-prof`
 * into a fresh directory, written when it stops (returned as `profileDir`).
 */
export async function startApiProcess(
  env: Record<string, string>,
  options: { profile?: boolean } = {},
): Promise<ChildServer & { profileDir?: string }> {
  await ensureBuilt();
  const port = await freePort();
  const profileDir = options.profile ? mkdtempSync(path.join(os.tmpdir(), 'vrs-prof-')) : undefined;
  const server = await startChild({
    name: 'vrs API',
    args: [
      ...API_HEAP_FLAGS,
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ...entryArgs('api/main'),
    ],
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      RUN_MIGRATIONS: 'false',
      // Connected lazily: a verification never calls Temporal, so the address only matters to uploads.
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      ...env,
    },
    ready: { port },
  });
  return { ...server, profileDir };
}

/** The production worker process for `queues` (`workers/main`), resolved once it polls. */
export async function startWorkerProcess(env: Record<string, string>, queues: string[]): Promise<ChildServer> {
  await ensureBuilt();
  return startChild({
    name: `worker (${queues.join(', ')})`,
    args: [...entryArgs('workers/main'), ...queues],
    env: { LOG_LEVEL: 'info', ...env },
    ready: { output: 'workers running' },
  });
}

/**
 * A baseline server (bench/lib/baselineServer.ts) in its own process: `constant` answers constant
 * JSON; `pk` one primary-key SELECT on `SERIAL_TABLE` with a pool of DB_POOL_SIZE.
 */
export async function startBaselineProcess(
  kind: 'constant' | 'pk',
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const port = await freePort();
  return startChild({
    name: `${kind} baseline`,
    args: [...API_HEAP_FLAGS, '--import', 'tsx', path.join(root, 'bench/lib/baselineServer.ts'), kind],
    env: { PORT: String(port), ...env },
    ready: { port },
  });
}
