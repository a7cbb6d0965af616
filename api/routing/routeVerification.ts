import type { PartnerRoute } from '../../db/repositories/partnerRoutes.js';
import { parsePeerAnswer, type PeerAnswer } from '../../domain/verification/index.js';
import { err, ok } from '../../domain/result.js';
import type { Problem } from '../problem.js';
import { GS1US_VERSION } from '../verification/answerHeaders.js';
import type { VerifyRequest } from '../verification/request.js';
import { callPartner, type CallPartnerDeps } from './callPartner.js';
import { routedVerifyUrl } from './routedRequest.js';

/**
 * The partner's answer in our spelling with the ATP presentation it carried, or the problem to
 * throw after recording history (404, 502, 503, 504 naming the partner).
 */
export type RoutedVerification = (
  | { ok: true; answer: PeerAnswer; atpPresentation: string | undefined; httpStatus: 200 }
  | { ok: false; problem: Problem; httpStatus: number }
) & {
  peerStatus: number | null;
  peerLatencyMs: number | null;
};

/**
 * Forwards one verification to the partner VRS its Lookup Directory record names, with the
 * caller's GS1US-Version (ours when it sent none), our request id and the requestor's ATP
 * presentation (in `atp.header`, where the answer's presentation is read too), and validates the answer.
 */
export async function routeVerification(
  deps: CallPartnerDeps,
  route: PartnerRoute,
  request: VerifyRequest,
  options: {
    gs1usVersion: string | undefined;
    requestId: string | null;
    atp: { header: string; presentation: string | undefined };
  },
): Promise<RoutedVerification> {
  const headers: Record<string, string> = { 'GS1US-Version': options.gs1usVersion ?? GS1US_VERSION };
  if (options.requestId) headers['X-Request-Id'] = options.requestId;
  if (options.atp.presentation) headers[options.atp.header] = options.atp.presentation;
  const outcome = await callPartner(
    deps,
    { id: route.partnerId, name: route.partnerName },
    routedVerifyUrl(route.verificationUrl, request),
    headers,
    (body, responseHeaders) => {
      const parsed = parsePeerAnswer(body, request.corrUUID);
      if (!parsed.ok) return err(`${parsed.error.path}: ${parsed.error.message}`);
      const presentation = responseHeaders[options.atp.header.toLowerCase()];
      return ok({ answer: parsed.value, presentation: typeof presentation === 'string' ? presentation : undefined });
    },
  );
  const exchange = { peerStatus: outcome.peerStatus, peerLatencyMs: outcome.peerLatencyMs };
  return outcome.ok
    ? {
        ok: true,
        answer: outcome.value.answer,
        atpPresentation: outcome.value.presentation,
        httpStatus: 200,
        ...exchange,
      }
    : { ok: false, problem: outcome.problem, httpStatus: outcome.problem.status, ...exchange };
}
