import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface DailyOutcomes {
  /** UTC calendar day, YYYY-MM-DD. */
  day: string;
  verified: number;
  notVerified: number;
  /** Answered without a verdict (404: GTIN not in the network). */
  unknown: number;
}

/** Verifications of a producer's products per UTC day in [from, to), by outcome: the console's chart. */
export async function countVerificationsPerDay(
  db: Kysely<Database>,
  producerCompanyId: string,
  from: Date,
  to: Date,
): Promise<DailyOutcomes[]> {
  const rows = await db
    .selectFrom('verification_history')
    .select([
      sql<string>`to_char(verified_at at time zone 'UTC', 'YYYY-MM-DD')`.as('day'),
      sql<string>`count(*) filter (where verified)`.as('verified'),
      sql<string>`count(*) filter (where verified = false)`.as('not_verified'),
      sql<string>`count(*) filter (where verified is null)`.as('unknown'),
    ])
    .where('producer_company_id', '=', producerCompanyId)
    .where('verified_at', '>=', from)
    .where('verified_at', '<', to)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows.map((r) => ({
    day: r.day,
    verified: Number(r.verified),
    notVerified: Number(r.not_verified),
    unknown: Number(r.unknown),
  }));
}
