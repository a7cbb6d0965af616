import type { Kysely, QueryCreator } from 'kysely';
import { serialRulesSchema, type SerialRules } from '../../domain/serials/rules.js';
import type { Database } from '../schema.js';
import { companyRulesOf, companyRulesRow, readCompanyRules, writeCompanyRules } from './companyRules.js';

/** Until a producer says otherwise, serial sync is off (it publishes pack-level data). */
export const DEFAULT_SERIAL_RULES: SerialRules = { enabled: false, include: [] };

export const getSerialRules = (db: Kysely<Database>, companyId: string): Promise<SerialRules> =>
  readCompanyRules(db, companyId, 'serials', serialRulesSchema, DEFAULT_SERIAL_RULES);

/** The producer's serial rules row, to embed in a statement; `serialRulesOf` reads what it found. */
export const serialRulesRow = (db: QueryCreator<Database>, companyId: string) =>
  companyRulesRow(db, companyId, 'serials');

export const serialRulesOf = (row: { body: unknown } | undefined): SerialRules =>
  companyRulesOf(row, serialRulesSchema, DEFAULT_SERIAL_RULES);

export const putSerialRules = (db: Kysely<Database>, companyId: string, rules: SerialRules): Promise<void> =>
  writeCompanyRules(db, companyId, 'serials', { enabled: rules.enabled, include: rules.include ?? [] });
