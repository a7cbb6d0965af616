import type { AtpExchange } from '../../domain/atp/exchange.js';
import type { AtpWallet } from '../../domain/atp/policy.js';
import { precheckPresentation } from '../../domain/atp/presentation.js';
import type { Atp } from './atp.js';
import type { WalletAnswer } from './walletClient.js';

/** `error`: the wallet gave no usable answer, so nothing is known about the presentation. */
export interface AtpVerdict {
  result: 'ok' | 'failed' | 'error';
  errorCodes: string[];
  /** Why the wallet gave no answer (for the problem detail). */
  reason?: string;
}

export interface Judged {
  verdict: AtpVerdict;
  exchange: AtpExchange;
}

type ExchangeContext = Pick<AtpExchange, 'companyId' | 'corrUuid' | 'direction' | 'partnerId' | 'requestId'>;

export const verdictOf = (answer: WalletAnswer): AtpVerdict =>
  answer.result === 'ok'
    ? { result: 'ok', errorCodes: [] }
    : answer.result === 'failed'
      ? { result: 'failed', errorCodes: answer.errorCodes }
      : { result: 'error', errorCodes: ['wallet_unavailable'], reason: answer.reason };

/**
 * Checks a counterpart's presentation: missing, or failing the local pre-checks, it is refused
 * without a wallet call; otherwise `wallet` (ours: the verifier's) judges it.
 */
export async function judgePresentation(
  atp: Atp,
  wallet: AtpWallet,
  presentation: string | undefined,
  now: Date,
  context: ExchangeContext,
  /** The GLN the holder must be (reqGLN, or the answer's responderGLN). */
  gln: string,
): Promise<Judged> {
  const exchange = (verdict: AtpVerdict, holderDid: string | null, latencyMs: number | null): Judged => ({
    verdict,
    exchange: {
      ...context,
      operation: 'verify',
      holderDid,
      verifierDid: wallet.did,
      result: verdict.result,
      errorCodes: verdict.errorCodes,
      latencyMs,
    },
  });
  if (!presentation) return exchange({ result: 'failed', errorCodes: ['vp_missing'] }, null, null);
  const pre = precheckPresentation(presentation, context.corrUuid, now, gln);
  if (!pre.ok) return exchange({ result: 'failed', errorCodes: [pre.error] }, null, null);
  const answer = await atp.client.verify(wallet, presentation);
  return exchange(verdictOf(answer), pre.value.iss, answer.latencyMs);
}

/** Generates our own presentation for the corrUUID through `wallet`. */
export async function generatePresentation(
  atp: Atp,
  wallet: AtpWallet,
  context: ExchangeContext,
): Promise<{ presentation: string | undefined; verdict: AtpVerdict; exchange: AtpExchange }> {
  const answer = await atp.client.generate(wallet, context.corrUuid);
  const presentation = answer.result === 'ok' ? answer.presentation : undefined;
  const verdict: AtpVerdict =
    answer.result === 'ok' && !presentation
      ? { result: 'error', errorCodes: ['wallet_unavailable'], reason: 'the wallet sent no presentation' }
      : verdictOf(answer);
  return {
    presentation,
    verdict,
    exchange: {
      ...context,
      operation: 'generate',
      holderDid: wallet.did,
      verifierDid: null,
      result: verdict.result,
      errorCodes: verdict.errorCodes,
      latencyMs: answer.latencyMs,
    },
  };
}
