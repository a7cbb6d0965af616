import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/**
 * Transactions committed in this database so far, by every session, as PostgreSQL's cumulative
 * statistics know them (each backend adds its own about once a second).
 */
export async function committedTransactions(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select xact_commit::float8 as n from pg_stat_database
    where datname = current_database()`.execute(db);
  return rows[0]?.n ?? 0;
}
