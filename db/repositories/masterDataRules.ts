import type { Kysely } from 'kysely';
import { masterDataRulesSchema, type MasterDataRules } from '../../domain/masterData/rules.js';
import type { Database } from '../schema.js';

/** The producer's master-data rules; none stored selects everything (api.md). */
export async function getMasterDataRules(db: Kysely<Database>, companyId: string): Promise<MasterDataRules> {
  const row = await db
    .selectFrom('rules')
    .select('body')
    .where('company_id', '=', companyId)
    .where('kind', '=', 'master-data')
    .where('gtin', '=', '')
    .executeTakeFirst();
  // Stored bodies were validated on the way in; parsing again keeps a hand-edited row from leaking through.
  return row ? masterDataRulesSchema.parse(row.body) : { include: [], exclude: [] };
}

export async function putMasterDataRules(db: Kysely<Database>, companyId: string, rules: MasterDataRules): Promise<void> {
  const body = JSON.stringify({ include: rules.include ?? [], exclude: rules.exclude ?? [] });
  await db
    .insertInto('rules')
    .values({ company_id: companyId, kind: 'master-data', gtin: '', body })
    .onConflict((oc) => oc.columns(['company_id', 'kind', 'gtin']).doUpdateSet({ body, updated_at: new Date() }))
    .execute();
}
