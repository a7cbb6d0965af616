import type { VerificationChannel } from '../../domain/history/record.js';
import { decideVerification, type VerificationData } from '../../domain/verification/index.js';
import { checkIncoming } from '../atp/incomingAtp.js';
import type { Principal } from '../auth/principal.js';
import type { ApiDeps } from '../deps.js';
import { forbidden, notFound, Problem } from '../problem.js';
import { bruteForceKey, countMiss } from './bruteForceGuard.js';
import { historyEntry } from './historyEntry.js';
import { routeToPartner } from './routeToPartner.js';
import type { VerifyRequest } from './request.js';

export type VerifyDeps = Pick<
  ApiDeps,
  | 'answerSources'
  | 'responseRules'
  | 'bruteForce'
  | 'history'
  | 'log'
  | 'clock'
  | 'config'
  | 'peers'
  | 'partnerRoutes'
  | 'circuits'
  | 'metrics'
  | 'atp'
  | 'db'
>;

/** The GS1 Lightweight Verification response body. */
export interface VerificationResponse {
  verificationTimestamp: string;
  responderGLN: string;
  corrUUID: string;
  data: VerificationData;
}

/** The answer and the responder's ATP presentation for its header (undefined: none to attach). */
export interface VerifyOutcome {
  response: VerificationResponse;
  atpPresentation: string | undefined;
}

export type Caller = Exclude<Principal, { kind: 'operator' }>;

export interface VerifyContext {
  caller: Caller;
  channel: VerificationChannel;
  requestId: string | null;
  /** performance.now() when the request arrived, for the recorded latency. */
  startedAt: number;
  /** The caller's GS1US-Version header, forwarded when the request is routed to a partner. */
  gs1usVersion?: string | undefined;
  /** The requestor's ATP presentation from the request's ATP header. */
  atpPresentation?: string | undefined;
}

/** The caller key is in the answer so the caller can quote it to the operator who lifts the block. */
const blockedCaller = (caller: string, blockedMs: number) =>
  new Problem(
    403,
    'Forbidden',
    'too many verifications of unknown serials: try again after Retry-After seconds, or ask the operator to lift the block',
    { caller },
    { 'Retry-After': String(Math.ceil(blockedMs / 1000)) },
  );

/**
 * Answers one verification from the network read tables (one indexed query once the GTIN's
 * producer is known), applying the producer's response rules, and records it; a GTIN of a
 * partner's producer is answered by that partner (api/routing/). Throws a Problem for 403 and
 * 404, and for a routed GTIN 502, 503 or 504 (the route has already answered 405, 401 and 400).
 */
export async function verifyPack(deps: VerifyDeps, request: VerifyRequest, ctx: VerifyContext): Promise<VerifyOutcome> {
  const { caller } = ctx;
  const company = caller.kind === 'company' ? caller.company : undefined;
  if (company && request.reqGLN !== company.gln) throw forbidden(`reqGLN must be your company's GLN ${company.gln}`);
  const key = bruteForceKey(caller);
  const blockedMs = deps.bruteForce.blockedFor(key);
  if (blockedMs !== undefined) {
    deps.metrics.verifyRefused('blocked');
    throw blockedCaller(key, blockedMs);
  }

  const now = deps.clock();
  // A GTIN routed to a partner a moment ago skips the local owner query (the route cache's few
  // seconds are also how long a GTIN that moved here from a partner may still be routed).
  const recentRoute =
    ctx.channel === 'peer' || deps.answerSources.knownProducer(request.gtin) !== undefined
      ? undefined
      : deps.partnerRoutes.remembered(request.gtin, now);
  if (recentRoute && (!company || company.roles.includes('consumer')))
    return routeToPartner(deps, request, ctx, now, recentRoute, key);
  const source = await deps.answerSources.find(request.gtin, request.serial);
  if (company && !company.roles.includes('consumer') && source?.producerCompanyId !== company.id) {
    deps.metrics.verifyRefused('forbidden');
    throw forbidden('producers may verify only their own products');
  }
  if (!source) {
    // Only our own callers are routed on: a peer's request answered by yet another VRS could loop.
    const route = ctx.channel === 'peer' ? undefined : await deps.partnerRoutes.find(request.gtin, now);
    if (route) return routeToPartner(deps, request, ctx, now, route, key);
    deps.history.record(historyEntry(request, ctx, now, 404, undefined, undefined));
    deps.metrics.verifyRefused('unknown_gtin');
    throw notFound(`GTIN ${request.gtin} is not known to this VRS`);
  }
  const atp = await checkIncoming(deps, {
    producerCompanyId: source.producerCompanyId,
    presentation: ctx.atpPresentation,
    localConsumerId: company?.id ?? null,
    corrUuid: request.corrUUID,
    reqGln: request.reqGLN,
    partnerId: caller.kind === 'peer' ? caller.partnerId : null,
    requestId: ctx.requestId,
  });
  const atpColumns = atp && { atp: atp.atp, atpErrorCodes: atp.atpErrorCodes };
  if (atp?.problem) {
    deps.history.record(
      Object.assign(historyEntry(request, ctx, now, atp.problem.status, source, undefined), atpColumns),
    );
    deps.metrics.verifyRefused('forbidden');
    throw atp.problem;
  }
  const data = decideVerification({
    serial: source.serial,
    request,
    now,
    timeZone: source.timeZone,
    rules: await deps.responseRules.rulesFor(source.producerCompanyId, request.gtin),
  });
  if (!source.serial) countMiss(deps, key, 'unknown serials', { companyId: company?.id, gtin: request.gtin });
  // Assigned, not spread: a spread followed by new keys takes V8's slow path (see routeToPartner).
  deps.history.record(Object.assign(historyEntry(request, ctx, now, 200, source, data), atpColumns));
  deps.metrics.verifyAnswered(data);
  return {
    response: {
      verificationTimestamp: now.toISOString(),
      responderGLN: source.producerGln,
      corrUUID: request.corrUUID,
      data,
    },
    atpPresentation: atp?.presentation,
  };
}
