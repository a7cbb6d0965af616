import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Growth past which the table is analyzed at once rather than at autovacuum's next pass. */
const GROWTH = 0.2;

/**
 * Analyzes `table` when `written` rows are a large part of what its statistics know (none, on a
 * fresh install). Prepared statements keep the plan made for the size of the last ANALYZE: the
 * API's verify planned a sequential scan of network_products when it held 100 rows and kept it
 * while a sync grew the table to 100,000. ANALYZE updates the statistics and replans them.
 */
export async function analyzeIfGrown(db: Kysely<Database>, table: keyof Database, written: number): Promise<void> {
  if (written === 0) return;
  const { rows } = await sql<{ known: number }>`select greatest(reltuples, 0)::float8 as known from pg_class
    where oid = to_regclass(${table})`.execute(db);
  if (written > GROWTH * (rows[0]?.known ?? 0)) await sql`analyze ${sql.table(table)}`.execute(db);
}
