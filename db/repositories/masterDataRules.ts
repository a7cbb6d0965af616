import type { Kysely } from 'kysely';
import { masterDataRulesSchema, type MasterDataRules } from '../../domain/masterData/rules.js';
import type { Database } from '../schema.js';
import { readCompanyRules, writeCompanyRules } from './companyRules.js';

/** The producer's master-data rules; none stored selects everything (api.md). */
export const getMasterDataRules = (db: Kysely<Database>, companyId: string): Promise<MasterDataRules> =>
  readCompanyRules(db, companyId, 'master-data', masterDataRulesSchema, { include: [], exclude: [] });

export const putMasterDataRules = (db: Kysely<Database>, companyId: string, rules: MasterDataRules): Promise<void> =>
  writeCompanyRules(db, companyId, 'master-data', { include: rules.include ?? [], exclude: rules.exclude ?? [] });
