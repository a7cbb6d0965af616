import type { Kysely } from 'kysely';
import { listCompanies, type Company } from '../../db/repositories/companies.js';
import { listRegisteredPrefixes } from '../../db/repositories/companyPrefixes.js';
import { listGtinConflicts } from '../../db/repositories/gtinConflicts.js';
import type { Database } from '../../db/schema.js';
import { overlappingClaims } from '../../domain/companies/prefixClaims.js';
import type { Conflict } from '../schemas/conflicts.js';
import { encodeConflictCursor, type ConflictCursor } from './conflictCursor.js';

const refOf = (companies: Map<string, Company>, id: string) => {
  const company = companies.get(id);
  return { id, name: company?.name ?? '', gln: company?.gln ?? '' };
};

/**
 * One page of `GET /v1/admin/conflicts`: overlapping prefix claims first (few: computed from
 * every company's list), then GTINs held by more than one company, read in GTIN order.
 */
export async function conflictPage(
  db: Kysely<Database>,
  after: ConflictCursor | undefined,
  limit: number,
): Promise<{ items: Conflict[]; nextCursor: string | null }> {
  const [companyList, registered] = await Promise.all([listCompanies(db), listRegisteredPrefixes(db)]);
  const companies = new Map(companyList.map((c) => [c.id, c]));
  const items: Conflict[] = [];
  let last: ConflictCursor | undefined;

  if (after?.kind !== 'gtin') {
    const claims = companyList.flatMap((c) => c.companyPrefixes.map((prefix) => ({ companyId: c.id, prefix })));
    const isRegistered = (companyId: string, prefix: string) =>
      registered.some((r) => r.companyId === companyId && prefix.startsWith(r.prefix));
    for (const overlap of overlappingClaims(claims)) {
      if (items.length === limit) break;
      if (after && overlap.key <= after.key) continue;
      const [a, b] = overlap.claims.map((claim) => ({
        prefix: claim.prefix,
        company: refOf(companies, claim.companyId),
        registered: isRegistered(claim.companyId, claim.prefix),
      }));
      items.push({ kind: 'prefix', claims: [a!, b!] });
      last = { kind: 'prefix', key: overlap.key };
    }
  }
  if (items.length < limit) {
    const rows = await listGtinConflicts(db, after?.kind === 'gtin' ? after.gtin : undefined, limit - items.length);
    for (const row of rows) {
      items.push({
        kind: 'gtin',
        gtin: row.gtin,
        publishedBy: row.publishedBy === null ? null : refOf(companies, row.publishedBy),
        claimedBy: row.claimedBy.map((id) => refOf(companies, id)),
      });
      last = { kind: 'gtin', gtin: row.gtin };
    }
  }
  return { items, nextCursor: items.length === limit && last ? encodeConflictCursor(last) : null };
}
