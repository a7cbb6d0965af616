import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startApiServer } from '../api/server.js';
import { loadConfig } from '../config.js';
import { ensureInstallation } from '../db/installation.js';
import { migrateToLatest } from '../db/migrate.js';
import { leaveSignalsToCaller } from '../db/embedded.js';
import { createDb, SERVER_POOL_IDLE_MS } from '../db/pool.js';
import { createLogger } from '../logger.js';
import { startWorkers } from '../workers/startWorkers.js';
import { freePort, isPortFree } from './lib/freePort.js';
import { startLocalDatabase } from './lib/localDatabase.js';
import { localIdentity } from './lib/localIdentity.js';
import { localSecrets } from './lib/localSecrets.js';
import { runInOwnProcessGroup } from './lib/ownProcessGroup.js';
import { startTemporalDevServer } from './lib/temporalDevServer.js';

/**
 * `npm start`: the whole system on one machine with no setup. Uses DATABASE_URL and
 * TEMPORAL_ADDRESS when set; otherwise starts an embedded PostgreSQL and a Temporal dev
 * server whose data live in ./.data, so a second start reuses them. PUBLIC_URL and VRS_GLN
 * default to a local identity, so certificates can be issued out of the box.
 */
const dataDir = path.resolve('.data');
mkdirSync(dataDir, { recursive: true });
const say = (line: string) => process.stderr.write(`[vrs] ${line}\n`);
const stops: (() => Promise<void>)[] = [];

async function run(): Promise<void> {
  const secrets = localSecrets(path.join(dataDir, 'local-secrets.json'));
  // The peer listener starts with the local identity: another local program may hold its port.
  const peerPort = process.env.PEER_PORT || String((await isPortFree(8443)) ? 8443 : await freePort());
  const config = loadConfig({ ...localIdentity(process.env), PEER_PORT: peerPort, ...secrets, ...process.env });
  const log = createLogger(config.LOG_LEVEL);

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    say('starting embedded PostgreSQL (data in .data/pg)');
    leaveSignalsToCaller(); // stopped below, last, once the API and workers are down
    const database = await startLocalDatabase(dataDir, () => {});
    stops.unshift(database.stop);
    databaseUrl = database.url;
  }
  let temporalAddress = config.TEMPORAL_ADDRESS;
  let uiUrl = config.TEMPORAL_UI_URL;
  if (!temporalAddress) {
    say('starting Temporal dev server (data in .data/temporal.db)');
    const uiPort = (await isPortFree(8233)) ? 8233 : await freePort();
    const port = (await isPortFree(7233)) ? 7233 : await freePort();
    const temporal = await startTemporalDevServer({
      dbFile: path.join(dataDir, 'temporal.db'),
      port,
      uiPort,
      log: say,
    });
    stops.unshift(temporal.stop);
    temporalAddress = temporal.address;
    uiUrl = temporal.uiUrl;
  }

  const db = createDb({ connectionString: databaseUrl, max: config.DB_POOL_SIZE, idleTimeoutMs: SERVER_POOL_IDLE_MS });
  stops.unshift(() => db.destroy());
  for (const line of await migrateToLatest(db)) say(line);
  const installation = await ensureInstallation(db, { masterKey: config.VRS_MASTER_KEY, vrsName: config.VRS_NAME });

  const workers = await startWorkers({ config, db, log, installation, temporalAddress });
  stops.unshift(workers.shutdown);
  // The web UI links each sync to its workflow in the Temporal UI.
  const api = await startApiServer({
    config: { ...config, TEMPORAL_UI_URL: uiUrl },
    db,
    databaseUrl,
    log,
    installation,
    temporalAddress,
  });
  stops.unshift(api.close);

  say(`API          ${api.url}   (OpenAPI: ${api.url}/v1/openapi.json)`);
  say(`Peers (mTLS) ${api.peerUrl ?? 'off (set PUBLIC_URL and VRS_GLN)'}`);
  say(`Temporal UI  ${uiUrl ?? '(set TEMPORAL_UI_URL)'}`);
  say(`Operator     Authorization: Bearer ${config.VRS_ADMIN_TOKEN}`);
  say('Ctrl-C stops everything');
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping');
  for (const fn of stops) await fn().catch((err: unknown) => say(`while stopping: ${String(err)}`));
  process.exit(code);
}

// One Ctrl-C comes more than once (the terminal's, passed on by tsx and npm too; a service manager
// signals every process): repeats within a second are the same request, a later one forces an exit.
let firstSignalAt: number | undefined;
function onSignal(): void {
  if (firstSignalAt === undefined) {
    firstSignalAt = Date.now();
    void stop(0);
  } else if (Date.now() - firstSignalAt > 1_000) {
    say('stopping at once');
    process.exit(130);
  }
}

if (!runInOwnProcessGroup()) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal);
  run().catch((err: unknown) => {
    say(err instanceof Error ? err.message : String(err));
    void stop(1);
  });
}
