import type { ProductOwner } from '../../db/repositories/verification.js';
import type { VerificationChannel, VerificationRecord } from '../../domain/history/record.js';
import { decideVerification, type VerificationData } from '../../domain/verification/index.js';
import type { Principal } from '../auth/principal.js';
import type { PartnerRoute } from '../../db/repositories/partnerRoutes.js';
import type { ApiDeps } from '../deps.js';
import { forbidden, notFound, Problem } from '../problem.js';
import { routeVerification } from '../routing/routeVerification.js';
import { bruteForceKey, countMiss } from './bruteForceGuard.js';
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
>;

/** The GS1 Lightweight Verification response body. */
export interface VerificationResponse {
  verificationTimestamp: string;
  responderGLN: string;
  corrUUID: string;
  data: VerificationData;
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
export async function verifyPack(
  deps: VerifyDeps,
  request: VerifyRequest,
  ctx: VerifyContext,
): Promise<VerificationResponse> {
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
  const data = decideVerification({
    serial: source.serial,
    request,
    now,
    timeZone: source.timeZone,
    rules: await deps.responseRules.rulesFor(source.producerCompanyId, request.gtin),
  });
  if (!source.serial) countMiss(deps, key, 'unknown serials', { companyId: company?.id, gtin: request.gtin });
  deps.history.record(historyEntry(request, ctx, now, 200, source, data));
  deps.metrics.verifyAnswered(data);
  return {
    verificationTimestamp: now.toISOString(),
    responderGLN: source.producerGln,
    corrUUID: request.corrUUID,
    data,
  };
}

/** A GTIN of a partner's producer: the partner answers, we pass its answer on and record the exchange. */
async function routeToPartner(
  deps: VerifyDeps,
  request: VerifyRequest,
  ctx: VerifyContext,
  now: Date,
  route: PartnerRoute,
  callerKey: string,
): Promise<VerificationResponse> {
  const routed = await routeVerification(deps, route, request, {
    gs1usVersion: ctx.gs1usVersion,
    requestId: ctx.requestId,
  });
  const answer = routed.ok ? routed.answer : undefined;
  deps.history.record({
    ...historyEntry(request, ctx, now, routed.httpStatus, undefined, answer?.data),
    responderGln: answer?.responderGLN ?? route.responderGln,
    inNetwork: false,
    partnerId: route.partnerId,
    peerStatus: routed.peerStatus,
    peerLatencyMs: routed.peerLatencyMs,
    peerFailureReason: answer?.unknownFailureReason ?? null,
  });
  if (!routed.ok) {
    deps.metrics.verifyRefused(routed.problem.status === 404 ? 'unknown_gtin' : 'partner_error');
    throw routed.problem;
  }
  const { answer: passed } = routed;
  deps.metrics.verifyAnswered(passed.data);
  // Guessing serials through us is guessing them at the partner: the same guard applies.
  if (passed.data.verificationFailureReason === 'No_match_GTIN_Serial')
    countMiss(deps, callerKey, 'unknown serials', { gtin: request.gtin, partnerId: route.partnerId });
  return {
    verificationTimestamp: passed.verificationTimestamp,
    responderGLN: passed.responderGLN,
    corrUUID: passed.corrUUID,
    data: passed.data,
  };
}

function historyEntry(
  request: VerifyRequest,
  ctx: VerifyContext,
  now: Date,
  httpStatus: number,
  owner: ProductOwner | undefined,
  data: VerificationData | undefined,
): VerificationRecord {
  const company = ctx.caller.kind === 'company' ? ctx.caller.company : undefined;
  return {
    verifiedAt: now,
    channel: ctx.channel,
    requestorGln: company ? company.gln : request.reqGLN,
    requestorCompanyId: company ? company.id : null,
    producerCompanyId: owner ? owner.producerCompanyId : null,
    gtin: request.gtin,
    serial: request.serial,
    lot: request.lot,
    expiry: request.expiry,
    corrUuid: request.corrUUID,
    httpStatus,
    verified: data ? data.verified : null,
    failureReason: data?.verificationFailureReason ?? null,
    additionalInfo: data?.additionalInfo ?? [],
    responderGln: owner ? owner.producerGln : null,
    inNetwork: true,
    latencyMs: performance.now() - ctx.startedAt,
    ctrlPossessAtt: request.ctrlPossessAtt,
    email: request.email,
    telephone: request.telephone,
    requestId: ctx.requestId,
  };
}
