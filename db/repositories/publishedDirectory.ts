import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { toDirectoryEntry, type DirectoryEntry } from './localDirectory.js';

export interface PublishedRecord extends DirectoryEntry {
  id: number;
  /** updated_at at full (microsecond) precision: a Date would lose it and repeat rows across pages. */
  cursorAt: string;
  /** The same instant as ISO 8601 with microseconds, so a peer's next `since` repeats nothing. */
  updatedAtIso: string;
}

/**
 * Our own Lookup Directory records changed after `since` (an ISO 8601 instant, checked by the caller), in (updated_at, id) order so a peer can
 * page through with the last record's cursor and poll again from its newest updated_at.
 */
export async function listPublishedSince(
  db: Kysely<Database>,
  since: string,
  after: { cursorAt: string; id: number } | undefined,
  limit: number,
): Promise<PublishedRecord[]> {
  // `since` stays text: a peer may send microseconds, which a Date would drop.
  let query = db
    .selectFrom('directory_entries')
    .selectAll()
    .select(sql<string>`updated_at::text`.as('cursor_at'))
    .select(sql<string>`to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('updated_iso'))
    .where('source', '=', 'local')
    .where(sql<boolean>`updated_at > ${since}::timestamptz`);
  if (after) query = query.where(sql<boolean>`(updated_at, id) > (${after.cursorAt}::timestamptz, ${after.id})`);
  const rows = await query.orderBy('updated_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, ...toDirectoryEntry(r), cursorAt: r.cursor_at, updatedAtIso: r.updated_iso }));
}
