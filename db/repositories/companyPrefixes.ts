import type { Kysely } from 'kysely';
import type { PrefixClaim } from '../../domain/companies/prefixClaims.js';
import type { Database } from '../schema.js';

/** The registered prefixes (one owner per GTIN, enforced by the database), in prefix order. */
export async function listRegisteredPrefixes(db: Kysely<Database>): Promise<PrefixClaim[]> {
  const rows = await db.selectFrom('company_prefixes').select(['company_id', 'prefix']).orderBy('prefix').execute();
  return rows.map((r) => ({ companyId: r.company_id, prefix: r.prefix }));
}
