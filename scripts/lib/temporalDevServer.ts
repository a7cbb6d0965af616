import { spawn } from 'node:child_process';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/searchAttributes.js';
import { freePort, waitForPort } from './freePort.js';
import { temporalBinary } from './temporalBinaries.js';

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** Persistent SQLite file; omitted: in memory. */
  dbFile?: string;
  port?: number;
  uiPort?: number;
  headless?: boolean;
  log?: (line: string) => void;
}

const typeNames: Record<string, string> = {
  KEYWORD: 'Keyword',
  INT: 'Int',
  TEXT: 'Text',
  BOOL: 'Bool',
  DOUBLE: 'Double',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** Starts `temporal server start-dev` with our search attributes registered. */
export async function startTemporalDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const cli = temporalBinary('temporal', options.log);
  const port = options.port ?? (await freePort());
  const uiPort = options.uiPort ?? (await freePort());
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'warn'];
  args.push(...(options.headless ? ['--headless'] : ['--ui-port', String(uiPort)]));
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  for (const key of SEARCH_ATTRIBUTE_KEYS) args.push('--search-attribute', `${key.name}=${typeNames[key.type]}`);
  // Own process group, so a Ctrl-C in the terminal reaches us first and we stop it in order.
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = options.log ?? (() => {});
  // The last output is kept for the error when the server dies before it listens (a port taken).
  let lastOutput = '';
  const onOutput = (d: Buffer) => {
    const text = d.toString().trimEnd();
    lastOutput = (lastOutput + '\n' + text).slice(-2_000);
    log(text);
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit); // never leave an orphaned server behind a crash
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await Promise.race([
    waitForPort(port, 60_000),
    exited.then((code) =>
      Promise.reject(new Error(`temporal server exited early with code ${code}:${lastOutput || ' (no output)'}`)),
    ),
  ]);
  return {
    address: `127.0.0.1:${port}`,
    uiUrl: options.headless ? undefined : `http://127.0.0.1:${uiPort}`,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null) return;
      // Its own workers' warnings while it shuts down ("Failed to poll for task") are no news.
      for (const stream of [child.stdout, child.stderr]) stream.off('data', onOutput).resume();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
