import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Who answers for a synced GTIN, and in which time zone its packs expire. */
export interface ProductOwner {
  producerCompanyId: string;
  producerGln: string;
  timeZone: string;
}

/** undefined when the GTIN is not a synced (and not withdrawn) product here. */
export async function findProductOwner(db: Kysely<Database>, gtin: string): Promise<ProductOwner | undefined> {
  const row = await db
    .selectFrom('network_products as p')
    .innerJoin('companies as c', 'c.id', 'p.producer_company_id')
    .select(['p.producer_company_id', 'p.producer_gln', 'c.time_zone'])
    .where('p.gtin', '=', gtin)
    .where('p.withdrawn_at', 'is', null)
    .executeTakeFirst();
  return row && { producerCompanyId: row.producer_company_id, producerGln: row.producer_gln, timeZone: row.time_zone };
}
