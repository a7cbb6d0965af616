import type { Kysely } from 'kysely';
import { serialRulesSchema, type SerialRules } from '../../domain/serials/rules.js';
import type { Database } from '../schema.js';
import { readCompanyRules, writeCompanyRules } from './companyRules.js';

/** Until a producer says otherwise, serial sync is off (it publishes pack-level data). */
export const DEFAULT_SERIAL_RULES: SerialRules = { enabled: false, include: [] };

export const getSerialRules = (db: Kysely<Database>, companyId: string): Promise<SerialRules> =>
  readCompanyRules(db, companyId, 'serials', serialRulesSchema, DEFAULT_SERIAL_RULES);

export const putSerialRules = (db: Kysely<Database>, companyId: string, rules: SerialRules): Promise<void> =>
  writeCompanyRules(db, companyId, 'serials', { enabled: rules.enabled, include: rules.include ?? [] });
