import type { PartnerRoute } from '../../db/repositories/partnerRoutes.js';
import { parsePeerAnswer, type PeerAnswer } from '../../domain/verification/index.js';
import { err, ok } from '../../domain/result.js';
import type { Problem } from '../problem.js';
import { GS1US_VERSION } from '../verification/answerHeaders.js';
import type { VerifyRequest } from '../verification/request.js';
import { callPartner, type CallPartnerDeps } from './callPartner.js';
import { routedVerifyUrl } from './routedRequest.js';

export interface RoutedVerification {
  /** The partner's answer in our spelling; undefined when it gave none we can pass on. */
  answer: PeerAnswer | undefined;
  /** Thrown by the caller after recording history: 404, 502, 503 or 504 naming the partner. */
  problem: Problem | undefined;
  httpStatus: number;
  peerStatus: number | null;
  peerLatencyMs: number | null;
}

/**
 * Forwards one verification to the partner VRS its Lookup Directory record names, with the
 * caller's GS1US-Version (ours when it sent none) and our request id, and validates the answer.
 */
export async function routeVerification(deps: CallPartnerDeps, route: PartnerRoute, request: VerifyRequest, options: { gs1usVersion: string | undefined; requestId: string | null }): Promise<RoutedVerification> {
  const headers: Record<string, string> = { 'GS1US-Version': options.gs1usVersion ?? GS1US_VERSION };
  if (options.requestId) headers['X-Request-Id'] = options.requestId;
  const outcome = await callPartner(deps, { id: route.partnerId, name: route.partnerName }, routedVerifyUrl(route.verificationUrl, request), headers, (body) => {
    const parsed = parsePeerAnswer(body, request.corrUUID);
    return parsed.ok ? ok(parsed.value) : err(`${parsed.error.path}: ${parsed.error.message}`);
  });
  const exchange = { peerStatus: outcome.peerStatus, peerLatencyMs: outcome.peerLatencyMs };
  return outcome.ok ? { answer: outcome.value, problem: undefined, httpStatus: 200, ...exchange } : { answer: undefined, problem: outcome.problem, httpStatus: outcome.problem.status, ...exchange };
}
