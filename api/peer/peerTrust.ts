import type { TLSSocket } from 'node:tls';
import type { PeerIdentity, PeerTlsMaterial } from './tlsMaterial.js';

/**
 * The listener's current view of who may call: swapped whole on reload, so a request sees
 * either the old or the new set of certificates, never a mix.
 */
export class PeerTrust {
  private material: PeerTlsMaterial | undefined;
  // A connection's certificate never changes, and getPeerCertificate() builds a fresh object from
  // the DER each time: keep-alive connections (a partner's router) look it up once.
  private readonly fingerprints = new WeakMap<TLSSocket, string | undefined>();

  constructor(private readonly load: () => Promise<PeerTlsMaterial>) {}

  async reload(): Promise<PeerTlsMaterial> {
    const next = await this.load();
    this.material = next;
    return next;
  }

  /** The partner behind a TLS connection, if its certificate chained to a partner CA and is registered. */
  identify(socket: TLSSocket): PeerIdentity | undefined {
    if (!socket.authorized || !this.material) return undefined;
    let fingerprint = this.fingerprints.get(socket);
    if (fingerprint === undefined) {
      fingerprint = socket.getPeerCertificate().fingerprint256;
      this.fingerprints.set(socket, fingerprint);
    }
    return fingerprint ? this.material.peers.get(fingerprint) : undefined;
  }
}
