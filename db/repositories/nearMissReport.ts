import { sql, type Kysely } from 'kysely';
import type { NearMissExample, NearMissGroup } from '../../domain/verification/nearMissReport.js';
import type { Database } from '../schema.js';

/** More groups than any producer's partners produce in a quarter; the report says when it was cut. */
export const MAX_GROUPS = 10_000;
const EXAMPLES_PER_KIND = 5;

export interface NearMissRange {
  producerCompanyId: string;
  /** [from, to) */
  from: Date;
  to: Date;
}

// Both queries read the partial index verification_history_near_miss_idx (migration 0022) only.
const nearMisses = (db: Kysely<Database>, range: NearMissRange) =>
  db
    .selectFrom('verification_history as h')
    .leftJoin('companies as c', 'c.id', 'h.requestor_company_id')
    .where('h.producer_company_id', '=', range.producerCompanyId)
    .where('h.verified_at', '>=', range.from)
    .where('h.verified_at', '<', range.to)
    .where('h.near_miss', 'is not', null);

/** Near misses of a producer's products counted per (kind, GTIN, requestor), largest first. */
export async function countNearMisses(db: Kysely<Database>, range: NearMissRange): Promise<NearMissGroup[]> {
  const rows = await nearMisses(db, range)
    .select([
      'h.near_miss',
      'h.gtin',
      'h.requestor_gln',
      'c.name',
      sql<number>`count(*)::int`.as('count'),
      sql<Date>`max(h.verified_at)`.as('last_seen'),
    ])
    .groupBy(['h.near_miss', 'h.gtin', 'h.requestor_gln', 'c.name'])
    .orderBy('count', 'desc')
    .orderBy('h.near_miss')
    .orderBy('h.gtin')
    .limit(MAX_GROUPS + 1)
    .execute();
  return rows.map((r) => ({
    kind: r.near_miss!,
    gtin: r.gtin,
    requestorGLN: r.requestor_gln,
    requestorCompany: r.name,
    count: r.count,
    lastSeen: r.last_seen,
  }));
}

/** The latest few near misses of each kind, as they were asked. */
export async function nearMissExamples(db: Kysely<Database>, range: NearMissRange): Promise<NearMissExample[]> {
  const rows = await db
    .selectFrom(
      nearMisses(db, range)
        .select([
          'h.near_miss',
          'h.verified_at',
          'h.gtin',
          'h.serial',
          'h.lot',
          'h.expiry',
          'h.requestor_gln',
          'h.failure_reason',
          sql<number>`row_number() over (partition by h.near_miss order by h.verified_at desc, h.id desc)`.as('rank'),
        ])
        .as('x'),
    )
    .selectAll()
    .where('x.rank', '<=', EXAMPLES_PER_KIND)
    .orderBy('x.near_miss')
    .orderBy('x.verified_at', 'desc')
    .execute();
  return rows.map((r) => ({
    kind: r.near_miss!,
    verifiedAt: r.verified_at,
    gtin: r.gtin,
    serial: r.serial,
    lot: r.lot,
    expiry: r.expiry,
    requestorGLN: r.requestor_gln,
    failureReason: r.failure_reason,
  }));
}
