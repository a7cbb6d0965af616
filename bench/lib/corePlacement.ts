import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { postgresProcesses } from './procStat.js';

/**
 * Where the routed benchmark's processes run. `shared`: every process on every core, as on one
 * small machine. `split`: installation A, the router (its process and the PostgreSQL backends of
 * its database), on the first core with this process and the load generators it starts; B and
 * the rest of PostgreSQL on the others. B then has cores of its own, as a partner has in the
 * field, and the router is charged its added latency and its own CPU (and its callers'), not the
 * CPU it would take from B. Direct runs pay for their load generator's TLS on the first core too.
 */
export type Placement = 'shared' | 'split';

const cores = os.availableParallelism();
const ALL = `0-${cores - 1}`;

/** The placements this machine can run of `wanted`: `split` needs two cores and taskset. */
export function placementsOf(wanted: readonly Placement[]): Placement[] {
  return wanted.filter((p) => p === 'shared' || (cores >= 2 && tasksetWorks()));
}

function tasksetWorks(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// Every thread of the process (node's, V8's and libuv's too); processes it starts later inherit it.
// A PostgreSQL backend may exit between being listed and being pinned: that one is left alone.
function pin(pid: number, cpus: string, mayBeGone = false): void {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  } catch (error) {
    if (!mayBeGone) throw error;
  }
}

/** Applies `placement` to the router's process, the peer's, this one and the PostgreSQL processes. */
export async function place(
  placement: Placement,
  processes: { router: number; peer: number },
  routerDb: Kysely<Database>,
): Promise<void> {
  const split = placement === 'split';
  const rest = split ? `1-${cores - 1}` : ALL;
  pin(processes.peer, rest);
  pin(process.pid, split ? '0' : ALL);
  const postgres = postgresProcesses();
  for (const { pid } of postgres) pin(pid, rest, true);
  pin(processes.router, split ? '0' : ALL);
  if (!split) return;
  // The router's backends, and the server process that forks new ones: the router's pool closes
  // connections idle while B is measured alone, and opens them again when the routed run starts.
  const server = postgres.find((p) => !postgres.some((q) => q.pid === p.ppid));
  if (server) pin(server.pid, '0');
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
    where datname = current_database()`.execute(routerDb);
  for (const { pid } of rows) pin(pid, '0', true);
}
