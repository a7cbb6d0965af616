import type { ApiDeps } from '../deps.js';

/** A certificate or partner changed somewhere: the next routed call re-reads both. */
export function partnersChanged(deps: Pick<ApiDeps, 'peers' | 'partnerRoutes'>): void {
  deps.peers.invalidate();
  deps.partnerRoutes.clear();
}
