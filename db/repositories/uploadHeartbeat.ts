import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Why an upload whose reader went away without a word is failed. */
export const STALE_UPLOAD_REASON = 'the process reading it stopped; upload the file again';

/** The reader of an upload is alive; an upload that has ended is left as it is. */
export async function beatUpload(db: Kysely<Database>, uploadId: string): Promise<void> {
  await db
    .updateTable('uploads')
    .set({ heartbeat_at: sql`now()` })
    .where('id', '=', uploadId)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/**
 * Fails every `queued` or `running` upload that has shown no sign of life for `staleMs`: the
 * process reading it died (any instance's; none needs to know which). The condition is checked
 * in the update itself, so an upload that beat or ended meanwhile is never marked. Nothing of a
 * failed upload was stored: its rows commit in the transaction that completes it.
 */
export async function failStaleUploads(db: Kysely<Database>, staleMs: number): Promise<number> {
  const result = await db
    .updateTable('uploads')
    .set({ status: 'failed', stop_reason: STALE_UPLOAD_REASON, finished_at: sql`now()` })
    .where('status', 'in', ['queued', 'running'])
    .where('heartbeat_at', '<', sql<Date>`now() - make_interval(secs => ${staleMs / 1000})`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
