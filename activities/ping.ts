import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export const createPingActivities = (deps: { db: Kysely<Database> }) => ({
  async databaseNow(): Promise<{ now: string; database: string }> {
    const { rows } = await sql<{
      now: Date;
      database: string;
    }>`select now() as now, current_database() as database`.execute(deps.db);
    const row = rows[0]!;
    return { now: row.now.toISOString(), database: row.database };
  },
});
