import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** What a PostgreSQL backend is busy with, from its type and the start of its statement. */
function classify(backendType: string, query: string): string {
  if (backendType === 'autovacuum worker') return query.startsWith('autovacuum: ') ? query.slice(12, 28) : 'autovacuum';
  if (backendType === 'parallel worker') return 'parallel worker';
  const q = query.trimStart().toLowerCase();
  if (q.startsWith('insert into "serial_part_')) return 'backfill insert';
  if (q.startsWith('insert into verification_history')) return 'history insert';
  if (q.startsWith('alter table')) return q.includes('primary key') ? 'key build' : 'alter table';
  if (q.startsWith('analyze')) return 'analyze';
  return q.slice(0, 24).replace(/\s+/g, ' ');
}

/**
 * Samples pg_stat_activity every `everyMs` until stopped, to show what the database was busy
 * with beside verify: `take()` returns the mean number of active backends per kind since the
 * last take, busiest first.
 */
export function sampleActivity(db: Kysely<Database>, everyMs = 250) {
  let counts = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await sql<{
        backend_type: string;
        query: string;
      }>`select backend_type, coalesce(query, '') as query
        from pg_stat_activity where state = 'active' and pid <> pg_backend_pid()`.execute(db);
      samples++;
      for (const row of rows) {
        const kind = classify(row.backend_type, row.query);
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    take(): string {
      const line = [...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([kind, n]) => `${kind} ${(n / Math.max(1, samples)).toFixed(1)}`)
        .join(', ');
      counts = new Map();
      samples = 0;
      return line;
    },
    async stop(): Promise<void> {
      stopped = true;
      await loop;
    },
  };
}
