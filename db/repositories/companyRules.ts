import type { Kysely, QueryCreator } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../schema.js';
import type { RulesTable } from '../tables/sourceStores.js';

type Kind = RulesTable['kind'];

/** The row of a company-wide rule set of one kind (the row without a GTIN), as a query to run or embed. */
export const companyRulesRow = (db: QueryCreator<Database>, companyId: string, kind: Kind) =>
  db
    .selectFrom('rules')
    .select('body')
    .where('company_id', '=', companyId)
    .where('kind', '=', kind)
    .where('gtin', '=', '');

/** A rule set as `schema` has it, or `fallback` when no row is stored. */
export function companyRulesOf<T>(row: { body: unknown } | undefined, schema: z.ZodType<T>, fallback: T): T {
  // Stored bodies were validated on the way in; parsing again keeps a hand-edited row from leaking through.
  return row ? schema.parse(row.body) : fallback;
}

/** A company-wide rule set of one kind, or `fallback` when none is stored. */
export async function readCompanyRules<T>(
  db: Kysely<Database>,
  companyId: string,
  kind: Kind,
  schema: z.ZodType<T>,
  fallback: T,
): Promise<T> {
  return companyRulesOf(await companyRulesRow(db, companyId, kind).executeTakeFirst(), schema, fallback);
}

export async function writeCompanyRules(
  db: Kysely<Database>,
  companyId: string,
  kind: Kind,
  body: unknown,
): Promise<void> {
  const json = JSON.stringify(body);
  await db
    .insertInto('rules')
    .values({ company_id: companyId, kind, gtin: '', body: json })
    .onConflict((oc) => oc.columns(['company_id', 'kind', 'gtin']).doUpdateSet({ body: json, updated_at: new Date() }))
    .execute();
}
