import { spawn } from 'node:child_process';

const SUPERVISED = 'VRS_OWN_PROCESS_GROUP';

/**
 * Runs this script again in a process group of its own and passes signals on to it; true in the
 * process that only does that (it exits with the other's code), false in the one that is to do
 * the work. A Ctrl-C in a terminal signals its whole foreground group: servers started there
 * (the embedded PostgreSQL, which cannot be started in a group of its own) would stop at once,
 * under the API and workers still shutting down, and a history flush would be lost.
 */
export function runInOwnProcessGroup(): boolean {
  if (process.env[SUPERVISED] === '1' || process.platform === 'win32') return false;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, [SUPERVISED]: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal));
  child.once('exit', (code) => process.exit(code ?? 1));
  return true;
}
