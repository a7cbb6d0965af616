import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { badRequest } from '../problem.js';
import { verificationCaller } from './caller.js';
import { parseVerifyRequest } from './request.js';
import { verifyPack, type VerificationResponse } from './verifyService.js';

/** The route pattern of GET /verify, also its `route` label in the request metrics. */
export const VERIFY_ROUTE = '/verify/gtin/:gtin{[^/]*}/lot/:lot{[^/]*}/ser/:ser{[^/]*}';

/** What GET /verify reads of its request: path parameters as routed, query parameters decoded. */
export interface VerifyGetRequest {
  principal: Principal | undefined;
  gtin: string | undefined;
  lot: string | undefined;
  ser: string | undefined;
  query: Record<string, string>;
  header: (name: string) => string | undefined;
  requestId: string | null;
}

/**
 * GET /verify from the caller to the answer's body and extra headers; every other answer is a
 * thrown Problem (401, 400, then verifyPack's). The Hono route and the fast path (verifyFastPath.ts)
 * both call it, so they answer alike.
 */
export async function verifyGet(
  deps: ApiDeps,
  request: VerifyGetRequest,
): Promise<{ body: VerificationResponse; headers: Record<string, string> | undefined }> {
  const startedAt = performance.now();
  const caller = verificationCaller(request.principal);
  const { query } = request;
  const parsed = parseVerifyRequest(
    { gtin: request.gtin, lot: request.lot, ser: request.ser, query: (name) => query[name] },
    deps.clock(),
  );
  if (!parsed.ok) throw badRequest(parsed.errors);
  const channel = caller.kind === 'peer' ? 'peer' : caller.deviceId ? 'device' : 'api';
  // A partner may send its ATP presentation under a header of its own.
  const atpHeader = (caller.kind === 'peer' && caller.atpHeader) || deps.atp.header;
  const { response, atpPresentation } = await verifyPack(deps, parsed.value, {
    caller,
    channel,
    requestId: request.requestId,
    startedAt,
    gs1usVersion: request.header('gs1us-version'),
    atpPresentation: request.header(atpHeader),
  });
  return { body: response, headers: atpPresentation ? { [atpHeader]: atpPresentation } : undefined };
}
