import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A GTIN in the source store of more than one company. */
export interface GtinConflict {
  gtin: string;
  /** Every company holding it, in id order. */
  claimedBy: string[];
  /** The company whose product the network publishes (not withdrawn), if any. */
  publishedBy: string | null;
}

/**
 * The next `limit` conflicting GTINs after `after`, in GTIN order. The network publishes only
 * what a source store holds, so two claims always show in source_products; its GTIN index is
 * read in order and the companies are gathered only for the GTINs found.
 */
export async function listGtinConflicts(
  db: Kysely<Database>,
  after: string | undefined,
  limit: number,
): Promise<GtinConflict[]> {
  const { rows } = await sql<{ gtin: string; claimed_by: string[]; published_by: string | null }>`
    select c.gtin, array(select s.company_id::text from source_products s where s.gtin = c.gtin order by s.company_id) as claimed_by,
           n.producer_company_id as published_by
    from (
      select gtin from source_products where gtin > ${after ?? ''}
      group by gtin having count(*) > 1 order by gtin limit ${limit}
    ) c
    left join network_products n on n.gtin = c.gtin and n.withdrawn_at is null
    order by c.gtin`.execute(db);
  return rows.map((r) => ({ gtin: r.gtin, claimedBy: r.claimed_by, publishedBy: r.published_by }));
}
