import type { ApiDeps } from '../deps.js';
import { forbidden, notFound, Problem } from '../problem.js';
import { routeConnectivity } from '../routing/routeConnectivity.js';
import { bruteForceKey, countMiss } from './bruteForceGuard.js';
import type { Caller } from './verifyService.js';

export type ConnectivityDeps = Pick<
  ApiDeps,
  'productOwners' | 'partnerRoutes' | 'bruteForce' | 'log' | 'clock' | 'config' | 'peers' | 'circuits' | 'metrics'
>;

/**
 * The responder GLN GS1 asks checkConnectivity for, and nothing more. Each answer tells the caller
 * that a GTIN is synced here and by whom, so the GTINs it does not answer for (404, or a producer
 * asking about another producer's GTIN, 403) count as misses in the brute-force guard: walking the
 * GTIN space blocks the caller the way guessing serials does.
 */
export async function checkConnectivity(
  deps: ConnectivityDeps,
  caller: Caller,
  gtin: string,
  reqGLN: string,
  requestId: string | null,
): Promise<string> {
  const company = caller.kind === 'company' ? caller.company : undefined;
  if (company && reqGLN !== company.gln) throw forbidden(`reqGLN must be your company's GLN ${company.gln}`);
  const key = bruteForceKey(caller);
  if (deps.bruteForce.isBlocked(key))
    throw forbidden('too many checks of GTINs or serials this VRS does not answer for; try again later');
  try {
    const owner = await deps.productOwners.ownerOf(gtin);
    if (owner) {
      if (company && !company.roles.includes('consumer') && owner.producerCompanyId !== company.id)
        throw forbidden('producers may check only their own products');
      return owner.producerGln;
    }
    // A GTIN a partner VRS answers for (Lookup Directory) is reachable when the partner says so;
    // peers are not routed on (a loop between two VRS).
    const route = caller.kind === 'peer' ? undefined : await deps.partnerRoutes.find(gtin, deps.clock());
    if (!route) throw notFound(`GTIN ${gtin} is not answered by this VRS`);
    return await routeConnectivity(deps, route, gtin, reqGLN, requestId);
  } catch (error) {
    if (error instanceof Problem && (error.status === 404 || error.status === 403))
      countMiss(deps, key, 'GTINs not answered here', { companyId: company?.id, gtin });
    throw error;
  }
}
