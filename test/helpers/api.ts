import { buildApiDeps } from '../../api/buildDeps.js';
import { createApp, type App } from '../../api/app.js';
import type { ApiDeps } from '../../api/deps.js';
import type { HistorySink } from '../../db/historyWriter.js';
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { loadConfig } from '../../config.js';
import { ensureInstallation } from '../../db/installation.js';
import { createLogger } from '../../logger.js';
import type { DispatcherOptions } from '../../peers/partnerDispatchers.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { connectTestTemporal, withWorkers, type TestTemporal } from './temporal.js';

export const ADMIN_TOKEN = 'test-operator-token-0123456789abcdef';

export interface ApiTestContext {
  app: App;
  deps: ApiDeps & { history: HistorySink };
  /** The file's one history writer (deps.history): `await ctx.history.flush()` before reading history. */
  history: HistorySink;
  /** Pins the instant verifications are judged at (undefined: the real clock). */
  setNow(instant: Date | undefined): void;
  database: TestDatabase;
  temporal: TestTemporal;
  /** Runs this file's workers (all queues) while `fn` runs. */
  withWorkers<T>(fn: () => Promise<T>): Promise<T>;
  /** app.request with JSON and a bearer token. */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

/** The real app over a fresh database and the run's Temporal server (kysely's TestContext, per file). */
export async function createApiTestContext(
  fileTag: string,
  env: Record<string, string> = {},
  logSink?: Writable,
  options: { peers?: DispatcherOptions } = {},
): Promise<ApiTestContext> {
  const database = await createTestDatabase();
  const temporal = await connectTestTemporal(fileTag);
  const config = loadConfig({
    VRS_ADMIN_TOKEN: ADMIN_TOKEN,
    VRS_MASTER_KEY: randomBytes(32).toString('base64'),
    PUBLIC_URL: 'https://vrs.test.example',
    VRS_GLN: '0860000000000',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const log = createLogger(config.LOG_LEVEL, {}, logSink);
  const installation = await ensureInstallation(database.db, {
    masterKey: config.VRS_MASTER_KEY,
    vrsName: config.VRS_NAME,
  });
  let now: Date | undefined;
  const deps = buildApiDeps({
    config,
    db: database.db,
    temporal: temporal.client,
    log,
    installation,
    taskQueueOf: temporal.taskQueueOf,
    clock: () => now ?? new Date(),
    ...(options.peers && { peers: options.peers }),
  });
  const app = createApp(deps);
  return {
    app,
    deps,
    history: deps.history,
    setNow: (instant) => {
      now = instant;
    },
    database,
    temporal,
    withWorkers: async (fn) =>
      withWorkers(
        await temporal.workers({
          db: database.db,
          log,
          config,
          installation,
          ...(options.peers && { peerOptions: options.peers }),
        }),
        fn,
      ),
    call(method, path, { token, body, headers = {} } = {}) {
      return Promise.resolve(
        app.request(path, {
          method,
          headers: {
            ...(token && { authorization: `Bearer ${token}` }),
            ...(body !== undefined && { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        }),
      );
    },
    async close() {
      await deps.history.close();
      await deps.peers.close();
      await temporal.close();
      await database.drop();
    },
  };
}
