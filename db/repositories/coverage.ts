import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** How often one requestor asked about one GTIN no directory record named, on one UTC day. */
export interface UncoveredRequest {
  day: string;
  requestorGln: string | null;
  gtin: string;
  requests: number;
}

/**
 * The unknown-GTIN answers in [from, to): 404s answered here with no producer, which once routing
 * out exists means no directory record named the GTIN. Reads only the partial index
 * verification_history_unknown_gtin_idx (migration 0016). At most `limit` rows, in day,
 * requestor, GTIN order.
 */
export async function listUncoveredRequests(
  db: Kysely<Database>,
  range: { from: Date; to: Date; limit: number },
): Promise<UncoveredRequest[]> {
  const { rows } = await sql<UncoveredRequest>`
    select to_char(verified_at at time zone 'UTC', 'YYYY-MM-DD') as day, requestor_gln as "requestorGln", gtin, count(*)::int as requests
    from verification_history
    where http_status = 404 and producer_company_id is null and in_network
      and verified_at >= ${range.from} and verified_at < ${range.to}
    group by 1, 2, 3
    order by 1, 2 nulls last, 3
    limit ${range.limit}`.execute(db);
  return rows;
}
