import { readdirSync, readFileSync } from 'node:fs';

// Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ) on every mainstream build.
const TICK_US = 10_000;

interface Stat {
  comm: string;
  ppid: number;
  cpuUs: number;
}

function stat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces; the fields after it are plain.
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return {
      comm: text.slice(text.indexOf('(') + 1, close),
      ppid: Number(fields[1]),
      // utime + stime, and cutime + cstime: the children it has reaped (PostgreSQL's exited backends).
      cpuUs: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_US,
    };
  } catch {
    return undefined; // the process is gone
  }
}

/** CPU time (user + system) a process and its reaped children have used so far, in µs; 0 once it is gone. */
export const cpuUs = (pid: number): number => stat(pid)?.cpuUs ?? 0;

/**
 * CPU time used so far by the PostgreSQL processes started under this one (the embedded server
 * and its backends), in µs. A shared DATABASE_URL server is not ours to count: 0.
 */
export function postgresCpuUs(): number {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => [Number(name), stat(Number(name))] as const);
  const byPid = new Map(all.filter((entry): entry is readonly [number, Stat] => entry[1] !== undefined));
  const descends = (pid: number): boolean => {
    for (let p = byPid.get(pid)?.ppid; p !== undefined && p > 1; p = byPid.get(p)?.ppid)
      if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, s] of byPid) if (s.comm.startsWith('postgres') && descends(pid)) total += s.cpuUs;
  return total;
}
