import { recordExchanges, type AtpDeps } from './atpOutcome.js';
import { generatePresentation } from './judgePresentation.js';

/**
 * Our own consumer (API, scan page, device) asking about one of our producers' products sends no
 * presentation: its wallet makes one for the corrUUID, as it would for a partner, so a producer
 * under `require` can check it. undefined when the consumer has no wallet or its outgoing policy
 * is off (the producer's policy then decides on `vp_missing`).
 */
export async function presentLocally(
  deps: AtpDeps,
  consumerCompanyId: string,
  corrUuid: string,
  requestId: string | null,
): Promise<string | undefined> {
  const wallet = await deps.atp.wallets.walletOf(consumerCompanyId);
  if (!wallet || wallet.outgoing === 'off') return undefined;
  const generated = await generatePresentation(deps.atp, wallet, {
    companyId: wallet.companyId,
    corrUuid,
    direction: 'outgoing',
    partnerId: null,
    requestId,
  });
  await recordExchanges(deps, [generated.exchange]);
  return generated.presentation;
}
