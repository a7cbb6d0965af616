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
 * The PostgreSQL processes started under this one (the embedded server and its backends), with
 * the CPU each has used so far in µs. A shared DATABASE_URL server is not ours: none.
 */
export function postgresProcesses(): { pid: number; ppid: number; cpuUs: number }[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => [Number(name), stat(Number(name))] as const);
  const byPid = new Map(all.filter((entry): entry is readonly [number, Stat] => entry[1] !== undefined));
  const descends = (pid: number): boolean => {
    for (let p = byPid.get(pid)?.ppid; p !== undefined && p > 1; p = byPid.get(p)?.ppid)
      if (p === process.pid) return true;
    return false;
  };
  return [...byPid]
    .filter(([pid, s]) => s.comm.startsWith('postgres') && descends(pid))
    .map(([pid, s]) => ({ pid, ppid: s.ppid, cpuUs: s.cpuUs }));
}

/** CPU time used so far by the PostgreSQL processes started under this one, in µs. */
export const postgresCpuUs = (): number => postgresProcesses().reduce((n, p) => n + p.cpuUs, 0);
