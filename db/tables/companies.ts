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
