import type { AtpWallet } from '../../domain/atp/policy.js';
import type { PartnerRef, Problem } from '../problem.js';
import { refusal, untrustedAnswer } from './atpProblems.js';
import { recordExchanges, summarize, type AtpDeps, type AtpSummary } from './atpOutcome.js';
import { generatePresentation, judgePresentation, type AtpVerdict } from './judgePresentation.js';

export interface OutgoingRequest {
  requestorCompanyId: string | null;
  corrUuid: string;
  partner: PartnerRef;
  requestId: string | null;
}

/** The requestor's side of a routed verification that carries ATP credentials. */
export interface OutgoingAtp {
  wallet: AtpWallet;
  request: OutgoingRequest;
  /** Sent in the ATP header; undefined when the wallet could not make one (warn: sent without). */
  presentation: string | undefined;
  generated: AtpVerdict;
  /** Under `require`, a presentation we could not make stops the request before it leaves. */
  problem: Problem | undefined;
}

const contextOf = (wallet: AtpWallet, request: OutgoingRequest) => ({
  companyId: wallet.companyId,
  corrUuid: request.corrUuid,
  direction: 'outgoing' as const,
  partnerId: request.partner.id,
  requestId: request.requestId,
});

/** The requestor's presentation for the corrUUID; undefined when it has no wallet or its outgoing policy is off. */
export async function presentForPartner(deps: AtpDeps, request: OutgoingRequest): Promise<OutgoingAtp | undefined> {
  const wallet = request.requestorCompanyId ? await deps.atp.wallets.walletOf(request.requestorCompanyId) : undefined;
  if (!wallet || wallet.outgoing === 'off') return undefined;
  const generated = await generatePresentation(deps.atp, wallet, contextOf(wallet, request));
  await recordExchanges(deps, [generated.exchange]);
  const failed = generated.verdict.result !== 'ok' && wallet.outgoing === 'require';
  return {
    wallet,
    request,
    presentation: generated.presentation,
    generated: generated.verdict,
    problem: failed ? refusal({ ...generated.verdict, result: 'error' }, "the requestor's") : undefined,
  };
}

/** The partner's answer carries the responder's presentation: the requestor's wallet verifies it. */
export async function checkPartnerAnswer(
  deps: AtpDeps,
  outgoing: OutgoingAtp,
  presentation: string | undefined,
  responderGln: string,
): Promise<AtpSummary & { problem: Problem | undefined }> {
  const { wallet, request } = outgoing;
  const context = contextOf(wallet, request);
  const judged = await judgePresentation(deps.atp, wallet, presentation, deps.clock(), context, responderGln);
  await recordExchanges(deps, [judged.exchange]);
  const { verdict } = judged;
  return {
    ...summarize(outgoing.generated, verdict),
    problem:
      wallet.outgoing === 'require' && verdict.result !== 'ok' ? untrustedAnswer(verdict, request.partner) : undefined,
  };
}
