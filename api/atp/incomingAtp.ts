import type { Problem } from '../problem.js';
import { refusal } from './atpProblems.js';
import { recordExchanges, summarize, type AtpDeps, type AtpSummary } from './atpOutcome.js';
import { generatePresentation, judgePresentation } from './judgePresentation.js';
import { presentLocally } from './localPresentation.js';

export interface IncomingRequest {
  producerCompanyId: string;
  /** The requestor's presentation from the request header, if any. */
  presentation: string | undefined;
  /** Our own consumer's company: without a presentation of its own, its wallet makes one. */
  localConsumerId: string | null;
  corrUuid: string;
  reqGln: string;
  /** The partner VRS that sent it (peer listener); null for our own callers. */
  partnerId: string | null;
  requestId: string | null;
}

export interface IncomingAtp extends AtpSummary {
  /** The responder's presentation to attach to the answer. */
  presentation: string | undefined;
  /** Under `require`: refuse instead of answering. */
  problem: Problem | undefined;
}

/**
 * A request for one of our producers' products: the producer's wallet verifies the requestor's
 * presentation and, at the same time, generates the producer's own for the answer. undefined when
 * the producer has no wallet or its incoming policy is off.
 */
export async function checkIncoming(deps: AtpDeps, request: IncomingRequest): Promise<IncomingAtp | undefined> {
  const wallet = await deps.atp.wallets.walletOf(request.producerCompanyId);
  if (!wallet || wallet.incoming === 'off') return undefined;
  const context = {
    companyId: wallet.companyId,
    corrUuid: request.corrUuid,
    direction: 'incoming' as const,
    partnerId: request.partnerId,
    requestId: request.requestId,
  };
  const judge = async () => {
    const presentation =
      request.presentation ??
      (request.localConsumerId
        ? await presentLocally(deps, request.localConsumerId, request.corrUuid, request.requestId)
        : undefined);
    return judgePresentation(deps.atp, wallet, presentation, deps.clock(), context, request.reqGln);
  };
  const [judged, generated] = await Promise.all([judge(), generatePresentation(deps.atp, wallet, context)]);
  await recordExchanges(deps, [judged.exchange, generated.exchange]);
  const { verdict } = judged;
  return {
    // Our own presentation failing is recorded but not the requestor's fault: it does not refuse.
    ...summarize(verdict, generated.verdict),
    presentation: generated.presentation,
    problem: wallet.incoming === 'require' && verdict.result !== 'ok' ? refusal(verdict, "the producer's") : undefined,
  };
}
