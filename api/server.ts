import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Client } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Installation } from '../db/installation.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { createApp } from './app.js';
import { connectionDrainer } from './drainConnections.js';
import { ensureHistoryPartitions } from '../db/historyPartitions.js';
import { failStaleUploads } from '../db/repositories/uploadHeartbeat.js';
import { connectTemporal } from '../launchers/temporalConnection.js';
import { buildApiDeps } from './buildDeps.js';
import { startPeerServer } from './peer/startPeerServer.js';
import { listenForCertificateChanges } from '../db/certificateEvents.js';
import { partnersChanged } from './routing/partnersChanged.js';

export interface RunningApi {
  url: string;
  peerUrl: string | undefined;
  /**
   * Stops accepting requests, moves keep-alive clients off (`Connection: close`), cuts what is
   * still open near the end of SHUTDOWN_GRACE_MS (connections; background upload parses are
   * left to the stale sweep), writes the history buffer, closes the Temporal connection. Rejects if the history could not be written in time (rows would be lost).
   */
  close(): Promise<void>;
}

export async function startApiServer(options: {
  config: Config;
  db: Kysely<Database>;
  databaseUrl: string;
  log: Logger;
  installation: Installation;
  temporalAddress: string;
}): Promise<RunningApi> {
  const { config, db, log } = options;
  const connection = await connectTemporal(options.temporalAddress);
  const deps = buildApiDeps({
    config,
    db,
    log,
    installation: options.installation,
    temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
  });
  for (const table of await ensureHistoryPartitions(db, new Date())) log.info({ table }, 'history partition created');
  const stale = await failStaleUploads(db, config.UPLOAD_STALE_MS);
  if (stale > 0) log.warn({ uploads: stale }, 'uploads left unfinished by a stopped process marked failed');
  // A rotated client certificate or changed partner settings apply to the next routed call.
  const stopWatchingPartners = await listenForCertificateChanges(
    options.databaseUrl,
    () => partnersChanged(deps),
    (error) => log.warn({ err: error }, 'partner change listener lost its connection; reconnecting'),
  );
  const app = createApp(deps);
  const drainer = connectionDrainer();
  const server = serve({
    fetch: app.fetch,
    port: config.PORT,
    hostname: config.HOST,
    serverOptions: drainer.serverOptions,
  }) as Server;
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  log.info({ url }, 'api listening');
  // Peers need our server certificate, which names our host and GLN.
  const peer = config.PUBLIC_URL && config.VRS_GLN ? await startPeerServer(deps, options.databaseUrl) : undefined;
  if (peer) log.info({ url: peer.url }, 'peer mTLS listener');
  else log.warn('peer mTLS listener off: set PUBLIC_URL and VRS_GLN to accept external VRS peers');
  return {
    url,
    peerUrl: peer?.url,
    async close() {
      const started = Date.now();
      // Connections and background upload parses get three quarters of the grace; the history
      // buffer the rest. A parse cut off stores nothing; the stale upload sweep fails it later.
      const cutAt = started + config.SHUTDOWN_GRACE_MS * 0.75;
      const [, , uploadsLeft] = await Promise.all([
        peer?.close(),
        drainer.close(server, cutAt),
        deps.uploads.settle(cutAt),
      ]);
      if (uploadsLeft > 0)
        log.warn({ uploads: uploadsLeft }, 'background uploads cut off by shutdown; UPLOAD_STALE_MS after, they fail');
      const left = started + config.SHUTDOWN_GRACE_MS - Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(`history not written within SHUTDOWN_GRACE_MS: ${deps.history.pending} verifications lost`),
            ),
          Math.max(left, 0),
        );
      });
      try {
        await Promise.race([deps.history.close(), timeout]); // nothing recorded is lost on a clean shutdown
      } finally {
        clearTimeout(timer);
        await stopWatchingPartners();
        await deps.peers.close();
        await connection.close();
      }
    },
  };
}
