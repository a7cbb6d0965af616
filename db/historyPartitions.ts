import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));
const name = (d: Date) => `verification_history_y${d.getUTCFullYear()}m${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

/**
 * Creates the monthly partitions of verification_history for this month and the next, so rows
 * land in a partition that can later be detached and archived whole. Run at API start, before
 * any row of a new month exists. A month whose rows already sit in the default partition (an
 * older installation) is left there: PostgreSQL refuses the new partition, and moving rows is an
 * operator's maintenance step, not a start-up side effect.
 */
export async function ensureHistoryPartitions(db: Kysely<Database>, around: Date): Promise<string[]> {
  const created: string[] = [];
  for (const offset of [0, 1]) {
    const from = monthStart(around.getUTCFullYear(), around.getUTCMonth() + offset);
    const to = monthStart(from.getUTCFullYear(), from.getUTCMonth() + 1);
    const table = name(from);
    const exists = await sql<{ ok: number }>`select 1 as ok from pg_class where relname = ${table}`.execute(db);
    if (exists.rows.length) continue;
    const waiting = await sql<{ ok: number }>`select 1 as ok from verification_history_default where verified_at >= ${from} and verified_at < ${to} limit 1`.execute(db);
    if (waiting.rows.length) continue;
    await sql`create table if not exists ${sql.table(table)} partition of verification_history for values from (${sql.lit(from.toISOString())}) to (${sql.lit(to.toISOString())})`.execute(db);
    created.push(table);
  }
  return created;
}
