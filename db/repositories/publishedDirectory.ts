import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { toDirectoryEntry, type DirectoryEntry } from './localDirectory.js';

export interface PublishedRecord extends DirectoryEntry {
  id: number;
  /** updated_at at full (microsecond) precision: a Date would lose it and repeat rows across pages. */
  cursorAt: string;
}

/**
 * Our own Lookup Directory records changed after `since`, in (updated_at, id) order so a peer can
 * page through with the last record's cursor and poll again from its newest updated_at.
 */
export async function listPublishedSince(db: Kysely<Database>, since: Date, after: { cursorAt: string; id: number } | undefined, limit: number): Promise<PublishedRecord[]> {
  let query = db.selectFrom('directory_entries').selectAll().select(sql<string>`updated_at::text`.as('cursor_at')).where('source', '=', 'local').where('updated_at', '>', since);
  if (after) query = query.where(sql<boolean>`(updated_at, id) > (${after.cursorAt}::timestamptz, ${after.id})`);
  const rows = await query.orderBy('updated_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, ...toDirectoryEntry(r), cursorAt: r.cursor_at }));
}
