import type { TLSSocket } from 'node:tls';
import type { HttpBindings } from '@hono/node-server';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.js';
import { forbidden } from '../problem.js';
import type { PeerTrust } from './peerTrust.js';

export type PeerEnv = AppEnv & { Bindings: HttpBindings };

/**
 * TLS already refused certificates that chain to no partner CA; here the certificate must also
 * be one of that partner's registered, unretired certificates (fingerprint check).
 */
export function peerAuth(trust: PeerTrust) {
  return createMiddleware<PeerEnv>(async (c, next) => {
    const peer = trust.identify(c.env.incoming.socket as TLSSocket);
    if (!peer) throw forbidden('client certificate is not an active certificate of a trusted partner');
    c.set('principal', { kind: 'peer', ...peer });
    await next();
  });
}
