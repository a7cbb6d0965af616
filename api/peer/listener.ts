import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Logger } from '../../logger.js';
import type { PeerTrust } from './peerTrust.js';

export interface PeerListener {
  url: string;
  /** Re-reads certificates and swaps the TLS context in place: no restart, no dropped connections. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

// Peers keep pooled connections (ours for 30 s idle, peers/partnerDispatchers.ts). Node closes an
// idle one after 5 s, so a partner whose traffic pauses longer paid a new mutual-TLS handshake on
// its next verification; held longer than a client's own idle timeout, the client closes first.
const KEEP_ALIVE_MS = 65_000;

/** The HTTPS listener for external VRS peers: client certificates required (mutual TLS). */
export async function startPeerListener(options: {
  fetch: Parameters<typeof serve>[0]['fetch'];
  trust: PeerTrust;
  port: number;
  host: string;
  log: Logger;
}): Promise<PeerListener> {
  const material = await options.trust.reload();
  const server = serve({
    fetch: options.fetch,
    port: options.port,
    hostname: options.host,
    createServer,
    serverOptions: {
      key: material.key,
      cert: material.cert,
      ca: material.ca,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
  }) as ReturnType<typeof createServer>;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    async reload() {
      const next = await options.trust.reload();
      server.setSecureContext({ key: next.key, cert: next.cert, ca: next.ca });
      options.log.info({ peers: next.peers.size }, 'peer TLS material reloaded');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
