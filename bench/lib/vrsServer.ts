import { serve } from '@hono/node-server';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app.js';
import { buildApiDeps } from '../../api/buildDeps.js';
import { startPeerServer } from '../../api/peer/startPeerServer.js';
import { partnersChanged } from '../../api/routing/partnersChanged.js';
import { loadConfig } from '../../config.js';
import { listenForCertificateChanges } from '../../db/certificateEvents.js';
import { ensureInstallation } from '../../db/installation.js';
import { createDb, SERVER_POOL_IDLE_MS } from '../../db/pool.js';
import { createLogger } from '../../logger.js';
import { loopbackLookup } from '../../test/helpers/loopbackLookup.js';

/**
 * One vrs API process with its mTLS peer listener, for benchmarks: the production app and
 * listener over DATABASE_URL (PORT, PEER_PORT), without Temporal (a verification never calls
 * it); the peer listener starts last. SIGTERM drains history and exits. Partner host
 * names resolve to loopback: every installation of a benchmark runs on this machine.
 */
const config = loadConfig();
const db = createDb({
  connectionString: config.DATABASE_URL!,
  max: config.DB_POOL_SIZE,
  idleTimeoutMs: SERVER_POOL_IDLE_MS,
});
const installation = await ensureInstallation(db, { masterKey: config.VRS_MASTER_KEY, vrsName: config.VRS_NAME });
const deps = buildApiDeps({
  config,
  db,
  log: createLogger(config.LOG_LEVEL),
  installation,
  temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
  peers: { lookup: loopbackLookup },
});
const server = serve({ fetch: createApp(deps).fetch, port: config.PORT, hostname: config.HOST });
await new Promise<void>((resolve) => server.once('listening', resolve));
const peer = await startPeerServer(deps, config.DATABASE_URL!);
const stopWatching = await listenForCertificateChanges(
  config.DATABASE_URL!,
  () => partnersChanged(deps),
  () => {},
);
process.once('SIGTERM', () => {
  void (async () => {
    await stopWatching();
    await peer.close();
    server.close();
    await deps.history.close();
    await deps.peers.close();
    await db.destroy();
    process.exit(0);
  })();
});
