import type { Generated, Insertable, Selectable } from 'kysely';

export interface CompaniesTable {
  id: Generated<string>;
  name: string;
  gln: string;
  roles: string[];
  company_prefixes: Generated<string[]>;
  time_zone: Generated<string>;
  created_at: Generated<Date>;
}

/** The prefix registry (migration 0014), kept from company_prefixes by a trigger: one owner per GTIN. */
export interface CompanyPrefixesTable {
  prefix: string;
  company_id: string;
  /** The GTINs the prefix covers, as a range of the 12 digits after the indicator; generated. */
  gtins: Generated<string>;
}

export interface DevicesTable {
  id: Generated<string>;
  company_id: string;
  name: string;
  model: string | null;
  android_version: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

export interface ApiKeysTable {
  id: Generated<string>;
  company_id: string;
  device_id: string | null;
  prefix: string;
  key_hash: string;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

export type CompanyRow = Selectable<CompaniesTable>;
export type InsertableCompanyRow = Insertable<CompaniesTable>;
export type DeviceRow = Selectable<DevicesTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
