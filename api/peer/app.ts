import { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';
import { onError, onNotFound } from '../middleware/errors.js';
import { requestId } from '../middleware/requestId.js';
import { lookupDirectoryRoutes } from '../routes/lookupDirectory.js';
import { verifyRoutes } from '../routes/verify.js';
import { peerAuth, type PeerEnv } from './peerAuth.js';
import type { PeerTrust } from './peerTrust.js';

/** What external VRS peers may call on the mTLS listener: the GS1 endpoints and our Lookup Directory. */
export function createPeerApp(deps: ApiDeps, trust: PeerTrust) {
  const app = new Hono<PeerEnv>();
  app.onError(onError(deps.log));
  app.notFound(onNotFound);
  app.use(requestId);
  app.use(peerAuth(trust));
  app.route('/', verifyRoutes(deps));
  app.route('/', lookupDirectoryRoutes(deps));
  return app;
}
