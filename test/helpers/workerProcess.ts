import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./syncWorkerProcess.ts', import.meta.url));

export interface WorkerProcess {
  pid: number;
  /** SIGKILL: no shutdown, no cleanup, open transactions die with their connections. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts test/helpers/syncWorkerProcess.ts in its own Node process (node --import tsx, no
 * wrapper process, so the pid killed is the worker itself) and resolves once it polls.
 */
export async function startWorkerProcess(env: {
  DATABASE_URL: string;
  TEMPORAL_ADDRESS: string;
  VRS_TEST_TASK_QUEUE: string;
  VRS_MASTER_KEY: string;
  [name: string]: string;
}): Promise<WorkerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('worker ready') && resolve());
    void exited.then(() => reject(new Error(`worker process exited before it was ready: ${stderr}`)));
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { pid: child.pid!, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
