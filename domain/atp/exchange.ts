/** One generate or verify call on a wallet, as the audit trail keeps it. */
export interface AtpExchange {
  companyId: string;
  corrUuid: string;
  direction: 'outgoing' | 'incoming';
  operation: 'generate' | 'verify';
  partnerId: string | null;
  holderDid: string | null;
  verifierDid: string | null;
  /** `failed`: the presentation was judged invalid; `error`: no usable answer from the wallet. */
  result: 'ok' | 'failed' | 'error';
  /** Ours and the wallet's (a wallet may send codes beyond the OCI list). */
  errorCodes: readonly string[];
  /** null when the local pre-checks refused it and the wallet was never called. */
  latencyMs: number | null;
  requestId: string | null;
}
