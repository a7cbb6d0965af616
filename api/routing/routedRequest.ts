import type { VerifyRequest } from '../verification/request.js';

/**
 * The GS1 request as the partner gets it: the same identifiers, query and R1.3 fields as ours.
 * Records publish a base URL (ours: PUBLIC_URL) or one ending in /verify; both are accepted.
 */
export function routedVerifyUrl(verificationUrl: string, request: VerifyRequest): string {
  const base = verificationUrl.replace(/\/+$/, '');
  const prefix = base.endsWith('/verify') ? base : `${base}/verify`;
  const query = new URLSearchParams({
    exp: request.expiry,
    linkType: 'verificationService',
    context: 'dscsaSaleableReturn',
    reqGLN: request.reqGLN,
    corrUUID: request.corrUUID,
  });
  if (request.ctrlPossessAtt !== null) query.set('ctrlPossessAtt', String(request.ctrlPossessAtt));
  if (request.email !== null) query.set('email', request.email);
  if (request.telephone !== null) query.set('telephone', request.telephone);
  return `${prefix}/gtin/${request.gtin}/lot/${encodeURIComponent(request.lot)}/ser/${encodeURIComponent(request.serial)}?${query}`;
}

export function routedConnectivityUrl(connectivityUrl: string, gtin: string, reqGLN: string): string {
  const url = new URL(connectivityUrl);
  url.searchParams.set('gtin', gtin);
  url.searchParams.set('reqGLN', reqGLN);
  return url.toString();
}
