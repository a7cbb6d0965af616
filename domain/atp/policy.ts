/** Per company and direction: check nothing, record failures but answer, or refuse on failure. */
export type AtpPolicy = 'off' | 'warn' | 'require';
export const ATP_POLICIES = ['off', 'warn', 'require'] as const;

export type WalletAuthKind = 'oauth2-client-credentials' | 'api-key';

/**
 * The OCI wallet error codes, plus ours: `vp_missing` (no presentation came) and
 * `wallet_unavailable` (the wallet did not answer usably within the peer time budget).
 */
export const ATP_ERROR_CODES = [
  'jwt_invalid',
  'vc_exp_expired',
  'vc_exp_invalid',
  'vc_nbf_expired',
  'vc_nbf_invalid',
  'vp_iat_expired',
  'vp_iat_invalid',
  'vp_iss_invalid',
  'vp_nonce_invalid',
  'vc_invalid',
  'vc_non_trusted_issuer',
  'vc_revoked',
  'vc_proof_invalid',
  'vc_not_found',
] as const;
export type AtpErrorCode = (typeof ATP_ERROR_CODES)[number] | 'vp_missing' | 'wallet_unavailable';

/** The wallet settings of one company, secret opened. */
export interface AtpWallet {
  companyId: string;
  baseUrl: string;
  authKind: WalletAuthKind;
  /** OAuth 2.0 client credentials only. */
  tokenUrl: string | null;
  clientId: string | null;
  /** API key only: the header the key travels in. */
  apiKeyHeader: string | null;
  /** The client secret or the API key. */
  secret: string;
  generatePath: string;
  verifyPath: string;
  /** `holderDID` in the OCI API; some wallets call it `did`. */
  holderDidField: string;
  did: string;
  outgoing: AtpPolicy;
  incoming: AtpPolicy;
  updatedAt: Date;
}

export const DEFAULT_GENERATE_PATH = '/api/v1/verifiablePresentation/generate';
export const DEFAULT_VERIFY_PATH = '/api/v1/verifiablePresentation/verify';
