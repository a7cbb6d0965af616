import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

const monthStart = (year: number, month: number) => new Date(Date.UTC(year, month, 1));
const name = (d: Date) => `verification_history_y${d.getUTCFullYear()}m${String(d.getUTCMonth() + 1).padStart(2, '0')}`;

/**
 * Creates the monthly partitions of verification_history for this month and the next (UTC), so
 * rows land in a partition that can later be detached and archived whole. Run at API start.
 *
 * Rows of that month may already sit in the default partition (an installation that ran before
 * this, or a server clock that crossed a month without a restart), and PostgreSQL refuses a new
 * partition whose range the default still holds. So each month is one transaction: block writers
 * (SHARE ROW EXCLUSIVE; exports keep reading), move the default's rows of that range to a temp
 * table, create the partition (the default is now clean), insert them back through the parent,
 * which routes them to the new partition with their ids. Simpler than detaching the default, and
 * a failure rolls everything back. When the default holds nothing of that month, the move is an
 * empty index range scan. Returns the tables created.
 */
export async function ensureHistoryPartitions(db: Kysely<Database>, around: Date): Promise<string[]> {
  const created: string[] = [];
  for (const offset of [0, 1]) {
    const from = monthStart(around.getUTCFullYear(), around.getUTCMonth() + offset);
    const to = monthStart(from.getUTCFullYear(), from.getUTCMonth() + 1);
    const table = name(from);
    if (await exists(db, table)) continue;
    const made = await db.transaction().execute(async (trx) => {
      await sql`lock table verification_history in share row exclusive mode`.execute(trx);
      if (await exists(trx, table)) return false; // another API process got there first
      await sql`create temp table history_moving (like verification_history) on commit drop`.execute(trx);
      await sql`
        with moved as (delete from verification_history_default where verified_at >= ${from} and verified_at < ${to} returning *)
        insert into history_moving select * from moved`.execute(trx);
      await sql`create table ${sql.table(table)} partition of verification_history for values from (${sql.lit(from.toISOString())}) to (${sql.lit(to.toISOString())})`.execute(
        trx,
      );
      await sql`insert into verification_history select * from history_moving`.execute(trx);
      return true;
    });
    if (made) created.push(table);
  }
  return created;
}

async function exists(db: Kysely<Database>, table: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`select to_regclass(${table}) is not null as found`.execute(db);
  return rows[0]?.found === true;
}
