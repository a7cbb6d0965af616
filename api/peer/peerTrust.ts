import type { TLSSocket } from 'node:tls';
import type { PeerIdentity, PeerTlsMaterial } from './tlsMaterial.js';

/**
 * The listener's current view of who may call: swapped whole on reload, so a request sees
 * either the old or the new set of certificates, never a mix.
 */
export class PeerTrust {
  private material: PeerTlsMaterial | undefined;

  constructor(private readonly load: () => Promise<PeerTlsMaterial>) {}

  async reload(): Promise<PeerTlsMaterial> {
    const next = await this.load();
    this.material = next;
    return next;
  }

  /** The partner behind a TLS connection, if its certificate chained to a partner CA and is registered. */
  identify(socket: TLSSocket): PeerIdentity | undefined {
    if (!socket.authorized || !this.material) return undefined;
    const fingerprint = socket.getPeerCertificate().fingerprint256;
    return fingerprint ? this.material.peers.get(fingerprint) : undefined;
  }
}
