import type { PartnerRoute } from '../../db/repositories/partnerRoutes.js';
import { isValidGln } from '../../domain/gs1/gln.js';
import { err, ok, type Result } from '../../domain/result.js';
import { callPartner, type CallPartnerDeps } from './callPartner.js';
import { routedConnectivityUrl } from './routedRequest.js';

const readConnectivity = (body: string): Result<string, string> => {
  try {
    const json = JSON.parse(body) as { responderGLN?: unknown };
    return typeof json.responderGLN === 'string' && isValidGln(json.responderGLN)
      ? ok(json.responderGLN)
      : err('responderGLN: must be a 13-digit GLN with a valid check digit');
  } catch {
    return err('body: the answer is not JSON');
  }
};

/**
 * A GTIN a partner answers for is reachable when the partner's own connectivity check says so:
 * the responder GLN it names, or the problem (404, 502, 503, 504) naming the partner.
 */
export async function routeConnectivity(
  deps: CallPartnerDeps,
  route: PartnerRoute,
  gtin: string,
  reqGLN: string,
  requestId: string | null,
): Promise<string> {
  const outcome = await callPartner(
    deps,
    { id: route.partnerId, name: route.partnerName },
    routedConnectivityUrl(route.connectivityUrl, gtin, reqGLN),
    requestId ? { 'X-Request-Id': requestId } : {},
    readConnectivity,
  );
  if (!outcome.ok) throw outcome.problem;
  return outcome.value;
}
