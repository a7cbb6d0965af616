import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AtpPolicy, WalletAuthKind } from '../../domain/atp/policy.js';

export interface AtpWalletsTable {
  company_id: string;
  base_url: string;
  auth_kind: WalletAuthKind;
  token_url: string | null;
  client_id: string | null;
  api_key_header: string | null;
  /** The OAuth client secret or API key, sealed under VRS_MASTER_KEY. */
  sealed_secret: string;
  generate_path: string;
  verify_path: string;
  holder_did_field: string;
  did: string;
  outgoing_policy: AtpPolicy;
  incoming_policy: AtpPolicy;
  updated_at: Generated<Date>;
}

export interface AtpExchangesTable {
  id: Generated<string>;
  at: ColumnType<Date, Date | string | undefined, never>;
  company_id: string;
  corr_uuid: string;
  direction: 'outgoing' | 'incoming';
  operation: 'generate' | 'verify';
  partner_id: string | null;
  holder_did: string | null;
  verifier_did: string | null;
  result: 'ok' | 'failed' | 'error';
  error_codes: string[];
  latency_ms: number | null;
  request_id: string | null;
}

export type AtpWalletRow = Selectable<AtpWalletsTable>;
