import type { Kysely } from 'kysely';
import { serialRulesSchema, type SerialRules } from '../../domain/serials/rules.js';
import type { Database } from '../schema.js';

/** Until a producer says otherwise, serial sync is off (it publishes pack-level data). */
export const DEFAULT_SERIAL_RULES: SerialRules = { enabled: false, include: [] };

export async function getSerialRules(db: Kysely<Database>, companyId: string): Promise<SerialRules> {
  const row = await db
    .selectFrom('rules')
    .select('body')
    .where('company_id', '=', companyId)
    .where('kind', '=', 'serials')
    .where('gtin', '=', '')
    .executeTakeFirst();
  // Stored bodies were validated on the way in; parsing again keeps a hand-edited row from leaking through.
  return row ? serialRulesSchema.parse(row.body) : DEFAULT_SERIAL_RULES;
}

export async function putSerialRules(db: Kysely<Database>, companyId: string, rules: SerialRules): Promise<void> {
  const body = JSON.stringify({ enabled: rules.enabled, include: rules.include ?? [] });
  await db
    .insertInto('rules')
    .values({ company_id: companyId, kind: 'serials', gtin: '', body })
    .onConflict((oc) => oc.columns(['company_id', 'kind', 'gtin']).doUpdateSet({ body, updated_at: new Date() }))
    .execute();
}
