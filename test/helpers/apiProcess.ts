import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRIES = {
  api: { path: fileURLToPath(new URL('../../api/main.ts', import.meta.url)), ready: 'api listening' },
  worker: { path: fileURLToPath(new URL('../../workers/main.ts', import.meta.url)), ready: 'workers running' },
};

export interface ApiProcess {
  url: string;
  /** JSON log lines so far. */
  logs: { msg: string; [key: string]: unknown }[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  signal(name: NodeJS.Signals): void;
  /** SIGTERM and wait for the exit (SIGKILL if it has not exited after `killAfterMs`). */
  stop(killAfterMs?: number): Promise<number | null>;
}

/**
 * The production API entry point (api/main.ts) in its own Node process on a free loopback port,
 * for tests that signal it or take its database away. Resolves once it listens. With role
 * `worker`, the production worker entry (workers/main.ts `args`), resolved once its workers run.
 */
export async function startApiProcess(
  env: Record<string, string>,
  role: keyof typeof ENTRIES = 'api',
  args: string[] = [],
): Promise<ApiProcess> {
  const entry = ENTRIES[role];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry.path, ...args], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      RUN_MIGRATIONS: 'false',
      LOG_LEVEL: 'info',
      PUBLIC_URL: '',
      VRS_GLN: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs: ApiProcess['logs'] = [];
  let stderr = '';
  let partial = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const entry = JSON.parse(line) as ApiProcess['logs'][number];
          logs.push(entry);
          if (entry.msg === ENTRIES[role].ready) resolve(String(entry.url ?? ''));
        } catch {
          logs.push({ msg: line });
        }
      }
    });
    void exited.then((code) => reject(new Error(`${role} process exited with ${code} before it listened: ${stderr}`)));
  });
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
  };
  return {
    url,
    logs,
    exited,
    signal,
    async stop(killAfterMs = 30_000) {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), killAfterMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
