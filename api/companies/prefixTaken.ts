import type { Kysely } from 'kysely';
import { listCompanies } from '../../db/repositories/companies.js';
import { listRegisteredPrefixes } from '../../db/repositories/companyPrefixes.js';
import type { Database } from '../../db/schema.js';
import { claimsAgainst } from '../../domain/companies/prefixClaims.js';
import { conflict, type Problem } from '../problem.js';

/**
 * The 409 for a write the prefix registry refused: which of `prefixes` another company holds, and
 * who. Read after the refused transaction rolled back, so it names the owner that won.
 */
export async function prefixTaken(
  db: Kysely<Database>,
  companyId: string | undefined,
  prefixes: readonly string[],
): Promise<Problem> {
  const [registered, companies] = await Promise.all([listRegisteredPrefixes(db), listCompanies(db)]);
  const byId = new Map(companies.map((c) => [c.id, c]));
  const taken = claimsAgainst(prefixes, companyId, registered).map(({ index, prefix, held }) => {
    const owner = byId.get(held.companyId);
    const named = owner ? `${owner.name} (GLN ${owner.gln}, id ${owner.id})` : `company ${held.companyId}`;
    const how = held.prefix === prefix ? '' : ` through its prefix ${held.prefix}`;
    return {
      path: `companyPrefixes.${index}`,
      message: `company prefix ${prefix} belongs to ${named}${how}`,
      owner: { id: held.companyId, name: owner?.name ?? null, gln: owner?.gln ?? null, prefix: held.prefix },
    };
  });
  if (taken.length === 0) return conflict('another company holds one of these company prefixes');
  return conflict(taken.map((t) => t.message).join('; '), { errors: taken });
}
