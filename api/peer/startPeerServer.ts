import { ourIdentity } from '../../ourIdentity.js';
import { listenForCertificateChanges } from '../../db/certificateEvents.js';
import { ensureServerCertificate } from '../../db/serverCertificate.js';
import type { ApiDeps } from '../deps.js';
import { createPeerApp } from './app.js';
import { startPeerListener, type PeerListener } from './listener.js';
import { PeerTrust } from './peerTrust.js';
import { loadPeerTlsMaterial } from './tlsMaterial.js';

/**
 * Starts the mTLS listener for peers with a server certificate from our CA (renewed when close to
 * expiry), and reloads its TLS material whenever a certificate or partner changes anywhere.
 */
export async function startPeerServer(deps: ApiDeps, databaseUrl: string): Promise<PeerListener> {
  await ensureServerCertificate(deps.db, deps.installation, ourIdentity(deps.config));
  const trust = new PeerTrust(() => loadPeerTlsMaterial(deps.db, deps.installation.master));
  const listener = await startPeerListener({
    fetch: createPeerApp(deps, trust).fetch,
    trust,
    port: deps.config.PEER_PORT,
    host: deps.config.HOST,
    log: deps.log,
  });
  const reload = () =>
    void listener
      .reload()
      .catch((error: unknown) =>
        deps.log.error({ err: error }, 'peer TLS reload failed; keeping the previous material'),
      );
  const stopListening = await listenForCertificateChanges(databaseUrl, reload, (error) =>
    deps.log.warn({ err: error }, 'certificate change listener lost its connection; reconnecting'),
  );
  return {
    url: listener.url,
    reload: listener.reload,
    async close() {
      await stopListening();
      await listener.close();
    },
  };
}
