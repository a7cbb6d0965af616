import { sql, type Kysely } from 'kysely';
import type { SerialStatus } from '../../domain/serials/state.js';
import type { PackGroup } from '../../domain/verification/rulesPreview.js';
import type { Database } from '../schema.js';

/**
 * The producer's packs in the network counted by what their answer depends on: status, flags and
 * whether the effective expiry (the extended one when it has a date) is before `localToday`.
 */
export async function countPackGroups(
  db: Kysely<Database>,
  companyId: string,
  localToday: string,
): Promise<PackGroup[]> {
  const expired = sql<boolean>`(case when expiration_extended and extended_expiry_date is not null
    then extended_expiry_date else expiry_date end) < ${localToday}::date`;
  const rows = await db
    .selectFrom('network_serials')
    .select(['gtin', 'status', 'recalled', 'suspect', 'illegitimate', expired.as('expired')])
    .select((eb) => eb.fn.countAll<string>().as('packs'))
    .where('producer_company_id', '=', companyId)
    // By position: the date is a parameter, and two parameters never count as the same expression.
    .groupBy(sql`1, 2, 3, 4, 5, 6`)
    .execute();
  return rows.map((r) => ({ ...r, status: r.status as SerialStatus, packs: Number(r.packs) }));
}
