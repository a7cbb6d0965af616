import type { Kysely } from 'kysely';
import type { ResponseRules } from '../../domain/verification/index.js';
import type { Database } from '../schema.js';

export interface StoredResponseRules {
  rules: Partial<ResponseRules>;
  overrides: Map<string, Partial<ResponseRules>>;
}

export async function getResponseRules(db: Kysely<Database>, companyId: string): Promise<StoredResponseRules> {
  const rows = await db
    .selectFrom('rules')
    .select(['gtin', 'body'])
    .where('company_id', '=', companyId)
    .where('kind', '=', 'response')
    .execute();
  const overrides = new Map<string, Partial<ResponseRules>>();
  let rules: Partial<ResponseRules> = {};
  for (const row of rows) {
    if (row.gtin === '') rules = row.body as Partial<ResponseRules>;
    else overrides.set(row.gtin, row.body as Partial<ResponseRules>);
  }
  return { rules, overrides };
}

/** Replaces the company rule and the whole set of per-GTIN overrides in one transaction. */
export async function putResponseRules(
  db: Kysely<Database>,
  companyId: string,
  value: { rules: Partial<ResponseRules>; overrides: { gtin: string; rules: Partial<ResponseRules> }[] },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('rules').where('company_id', '=', companyId).where('kind', '=', 'response').execute();
    const rows = [{ gtin: '', body: value.rules }, ...value.overrides.map((o) => ({ gtin: o.gtin, body: o.rules }))];
    await trx
      .insertInto('rules')
      .values(
        rows.map((r) => ({
          company_id: companyId,
          kind: 'response' as const,
          gtin: r.gtin,
          body: JSON.stringify(r.body),
        })),
      )
      .execute();
  });
}
