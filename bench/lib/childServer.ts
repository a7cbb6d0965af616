import { spawn } from 'node:child_process';
import { freePort, waitForPort } from '../../scripts/lib/freePort.js';
import { cpuUs } from './procStat.js';

export interface ChildServer {
  name: string;
  pid: number;
  url: string;
  /** CPU µs the process has used so far (user + system, from /proc). */
  cpuUs(): number;
  stop(): Promise<void>;
}

/**
 * A process of its own (`node <args>`): resolves once `ready` holds, a TCP port for a server or a
 * line of output for a worker. Its output is drained (a full pipe would block it) and the last of
 * it kept for the error when it dies early. SIGTERM stops it; it is killed if the bench exits first.
 */
export async function startChild(options: {
  name: string;
  args: string[];
  env: Record<string, string>;
  ready: { port: number } | { output: string };
}): Promise<ChildServer> {
  const child = spawn(process.execPath, options.args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  let sawReady: () => void = () => {};
  const outputReady = new Promise<void>((resolve) => (sawReady = resolve));
  const onData = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
    if ('output' in options.ready && output.includes(options.ready.output)) sawReady();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const died = exited.then(() => {
    throw new Error(`${options.name} exited before it was ready:\n${output.slice(-4000)}`);
  });
  died.catch(() => undefined);
  const { ready } = options;
  await Promise.race(['port' in ready ? waitForPort(ready.port, 120_000) : outputReady, died]);
  return {
    name: options.name,
    pid: child.pid!,
    url: 'port' in ready ? `http://127.0.0.1:${ready.port}` : '',
    cpuUs: () => cpuUs(child.pid!),
    async stop() {
      process.off('exit', kill);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export { freePort };
