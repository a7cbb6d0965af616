import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export type UploadKind = 'master-data' | 'serials' | 'directory';
export type UploadStatus = 'queued' | 'running' | 'completed' | 'failed' | 'stopped';

/** A producer's upload (company_id), or a partner's directory records sent by the operator (partner_id). */
export interface UploadsTable {
  id: Generated<string>;
  company_id: string | null;
  partner_id: string | null;
  kind: UploadKind;
  content_type: string;
  status: Generated<UploadStatus>;
  rows_read: Generated<number>;
  accepted: Generated<number>;
  rejected: Generated<number>;
  bytes_read: ColumnType<string, number | undefined, number>;
  bytes_total: ColumnType<string | null, number | null | undefined, number | null>;
  report: ColumnType<unknown, string | null | undefined, string | null>;
  stop_reason: string | null;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
  /** When the process reading it last showed it alive; a `queued` or `running` upload whose beat stopped failed. */
  heartbeat_at: Generated<Date>;
}

/** One field error of a rejected row; `seq` keeps them in the order they were found. */
export interface UploadErrorsTable {
  upload_id: string;
  seq: number;
  row: number;
  gtin: string | null;
  serial: string | null;
  column_name: string;
  message: string;
}

export interface SourceProductsTable {
  company_id: string;
  gtin: string;
  upload_id: string;
  data: ColumnType<unknown, string, string>;
  content_hash: string;
  updated_at: Generated<Date>;
}

/** Why the last sync did not publish a product; synced and pending are derived (syncStateSql.ts). */
export type StoredSyncState = 'skipped' | 'withdrawn';

export interface SourceProductSyncTable {
  company_id: string;
  gtin: string;
  sync_state: StoredSyncState;
  sync_reason: string | null;
}

export interface SourceSerialEventsTable {
  company_id: string;
  event_id: string;
  seq: Generated<number>;
  upload_id: string;
  kind: string;
  affects_state: boolean;
  /** A CSV/JSON row stating the whole state; false for EPCIS events (null fields = unchanged). */
  full_state: Generated<boolean>;
  gtin: string;
  serial: string;
  lot: string | null;
  expiry: string | null;
  expiry_date: ColumnType<string | null, string | null, string | null>;
  extended_expiry: string | null;
  extended_expiry_date: ColumnType<string | null, string | null, string | null>;
  status: string | null;
  recalled: boolean | null;
  suspect: boolean | null;
  illegitimate: boolean | null;
  expiration_extended: boolean | null;
  reason_code: string | null;
  event_time: ColumnType<Date, Date | string, Date | string>;
  received_at: Generated<Date>;
}

export interface RulesTable {
  company_id: string;
  kind: 'master-data' | 'serials' | 'response';
  gtin: Generated<string>;
  body: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
}

export type UploadRow = Selectable<UploadsTable>;
export type SourceProductRow = Selectable<SourceProductsTable>;
export type SourceSerialEventRow = Selectable<SourceSerialEventsTable>;
export type InsertableSourceSerialEventRow = Insertable<SourceSerialEventsTable>;
export type RuleRow = Selectable<RulesTable>;
