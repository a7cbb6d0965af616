import { insertAtpExchanges } from '../../db/repositories/atpExchanges.js';
import type { AtpExchange } from '../../domain/atp/exchange.js';
import type { ApiDeps } from '../deps.js';
import type { AtpVerdict } from './judgePresentation.js';

export type AtpDeps = Pick<ApiDeps, 'atp' | 'db' | 'log' | 'clock'>;

/** What a verification's history row says about ATP: null when no check applied. */
export interface AtpSummary {
  atp: 'ok' | 'failed' | null;
  atpErrorCodes: string[] | null;
}

export const NO_ATP: AtpSummary = { atp: null, atpErrorCodes: null };

/** Any step that did not pass (a refused presentation, a wallet that did not answer) fails the exchange. */
export function summarize(...verdicts: AtpVerdict[]): AtpSummary {
  const codes = [...new Set(verdicts.flatMap((v) => v.errorCodes))];
  return codes.length === 0 ? { atp: 'ok', atpErrorCodes: [] } : { atp: 'failed', atpErrorCodes: codes };
}

/**
 * Written before the answer goes out, so the audit trail is complete when the caller sees it;
 * a failed write is logged, never turned into a failed verification.
 */
export async function recordExchanges(deps: AtpDeps, exchanges: AtpExchange[]): Promise<void> {
  try {
    await insertAtpExchanges(deps.db, exchanges);
  } catch (error) {
    deps.log.error({ err: error, exchanges }, 'ATP exchanges not recorded');
  }
}
