import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export interface NetworkProductsTable {
  gtin: string;
  producer_company_id: string;
  producer_gln: string;
  ndc10: string | null;
  ndc11: string | null;
  data: ColumnType<unknown, string, string>;
  source_hash: string;
  synced_at: Generated<Date>;
  withdrawn_at: Date | null;
}

/** Dates stay ISO strings (pg's date parser is switched off in pool.ts): no time-zone drift. */
export interface NetworkSerialsTable {
  gtin: string;
  serial: string;
  producer_company_id: string;
  lot: string;
  expiry: string;
  expiry_date: string;
  extended_expiry: string | null;
  extended_expiry_date: string | null;
  status: string;
  recalled: Generated<boolean>;
  suspect: Generated<boolean>;
  illegitimate: Generated<boolean>;
  expiration_extended: Generated<boolean>;
  reason_code: string | null;
  event_time: ColumnType<Date, Date | string, Date | string>;
  event_id: string;
  /** Events the state was folded from when its newest event is partial; 0 for a full-state row. */
  folded_events: Generated<number>;
}

export interface DirectoryEntriesTable {
  id: Generated<number>;
  gtin: string;
  responder_gln: string;
  source: string;
  partner_id: string | null;
  vrs_name: string;
  verification_url: string;
  connectivity_url: string;
  valid_from: ColumnType<Date, Date | string, Date | string>;
  valid_to: ColumnType<Date | null, Date | string | null, Date | string | null>;
  updated_at: Generated<Date>;
}

export type NetworkProductRow = Selectable<NetworkProductsTable>;
export type NetworkSerialRow = Selectable<NetworkSerialsTable>;
export type InsertableNetworkSerialRow = Insertable<NetworkSerialsTable>;
export type DirectoryEntryRow = Selectable<DirectoryEntriesTable>;
