import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Opens the upload record first, so every stored row can name the upload it came from. */
export async function createUpload(
  db: Kysely<Database>,
  upload: { companyId: string; kind: 'master-data' | 'serials'; contentType: string },
): Promise<string> {
  const row = await db
    .insertInto('uploads')
    .values({ company_id: upload.companyId, kind: upload.kind, content_type: upload.contentType })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishUpload(
  db: Kysely<Database>,
  uploadId: string,
  counts: { accepted: number; rejected: number },
): Promise<void> {
  await db
    .updateTable('uploads')
    .set({ accepted: counts.accepted, rejected: counts.rejected })
    .where('id', '=', uploadId)
    .execute();
}
