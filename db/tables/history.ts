import type { NearMissKind } from '../../domain/verification/nearMiss.js';
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface VerificationHistoryTable {
  id: Generated<number>;
  verified_at: ColumnType<Date, Date | string, never>;
  channel: 'api' | 'web' | 'device' | 'peer';
  requestor_gln: string | null;
  requestor_company_id: string | null;
  producer_company_id: string | null;
  gtin: string;
  serial: string;
  lot: string;
  expiry: string;
  corr_uuid: string;
  http_status: number;
  verified: boolean | null;
  failure_reason: string | null;
  additional_info: Generated<string[]>;
  responder_gln: string | null;
  in_network: boolean;
  latency_ms: number;
  ctrl_possess_att: boolean | null;
  email: string | null;
  telephone: string | null;
  request_id: string | null;
  partner_id: Generated<string | null>;
  peer_status: Generated<number | null>;
  peer_latency_ms: Generated<number | null>;
  peer_failure_reason: Generated<string | null>;
  near_miss: Generated<NearMissKind | null>;
  atp: Generated<'ok' | 'failed' | null>;
  atp_error_codes: Generated<string[] | null>;
}

export type HistoryRow = Selectable<VerificationHistoryTable>;
export type InsertableHistoryRow = Insertable<VerificationHistoryTable>;
