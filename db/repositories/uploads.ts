import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../schema.js';
import type { UploadKind, UploadsTable, UploadStatus } from '../tables/sourceStores.js';

/** Who an upload belongs to: a producer's own, or a partner's directory records (the operator's). */
export type UploadOwner = { companyId: string } | { partnerId: string };

export interface Upload {
  id: string;
  companyId: string | null;
  partnerId: string | null;
  kind: UploadKind;
  contentType: string;
  status: UploadStatus;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  bytesRead: number;
  bytesTotal: number | null;
  report: Record<string, unknown> | null;
  stopReason: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface UploadCounts {
  rowsRead: number;
  accepted: number;
  rejected: number;
  bytesRead: number;
}

/**
 * Records an upload before its body is read, so a failure is recorded too: `running` when it
 * is read now, `queued` when it waits for a background parse.
 */
export async function createUpload(
  db: Kysely<Database>,
  upload: UploadOwner & { kind: UploadKind; contentType: string; status: 'queued' | 'running'; bytesTotal?: number },
): Promise<string> {
  const row = await db
    .insertInto('uploads')
    .values({
      company_id: 'companyId' in upload ? upload.companyId : null,
      partner_id: 'partnerId' in upload ? upload.partnerId : null,
      kind: upload.kind,
      content_type: upload.contentType,
      status: upload.status,
      bytes_total: upload.bytesTotal ?? null,
      started_at: upload.status === 'running' ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A queued upload is read now; `bytesTotal` is its size once spooled (a chunked body had none). */
export async function startUpload(db: Kysely<Database>, uploadId: string, bytesTotal: number): Promise<void> {
  await db
    .updateTable('uploads')
    .set({ status: 'running', started_at: new Date(), heartbeat_at: sql`now()`, bytes_total: bytesTotal })
    .where('id', '=', uploadId)
    .where('status', '=', 'queued')
    .execute();
}

const countColumns = (counts: UploadCounts) => ({
  rows_read: counts.rowsRead,
  accepted: counts.accepted,
  rejected: counts.rejected,
  bytes_read: counts.bytesRead,
});

/** Progress while rows are read, a sign of life too; an upload that has ended keeps its final counts. */
export async function updateUploadProgress(db: Kysely<Database>, uploadId: string, counts: UploadCounts) {
  await db
    .updateTable('uploads')
    .set({ ...countColumns(counts), heartbeat_at: sql`now()` })
    .where('id', '=', uploadId)
    .where('status', '=', 'running')
    .execute();
}

/** The end of an upload: `completed` in the transaction that stored its rows, else why it stopped. */
export async function endUpload(
  db: Kysely<Database>,
  uploadId: string,
  end: { status: 'completed' | 'failed' | 'stopped'; counts: UploadCounts; report?: object; stopReason?: string },
): Promise<void> {
  await db
    .updateTable('uploads')
    .set({
      ...countColumns(end.counts),
      status: end.status,
      report: end.report ? JSON.stringify(end.report) : null,
      stop_reason: end.stopReason ?? null,
      finished_at: new Date(),
    })
    .where('id', '=', uploadId)
    .execute();
}

const toUpload = (row: Selectable<UploadsTable>): Upload => ({
  id: row.id,
  companyId: row.company_id,
  partnerId: row.partner_id,
  kind: row.kind,
  contentType: row.content_type,
  status: row.status,
  rowsRead: row.rows_read,
  rowsAccepted: row.accepted,
  rowsRejected: row.rejected,
  bytesRead: Number(row.bytes_read),
  bytesTotal: row.bytes_total === null ? null : Number(row.bytes_total),
  report: row.report as Record<string, unknown> | null,
  stopReason: row.stop_reason,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

/** Which uploads a caller sees: a producer its own, the operator the directory uploads. */
export type UploadScope = { companyId: string } | { directory: true };

function scoped(db: Kysely<Database>, scope: UploadScope) {
  const query = db.selectFrom('uploads').selectAll();
  return 'companyId' in scope ? query.where('company_id', '=', scope.companyId) : query.where('kind', '=', 'directory');
}

/** Newest first; `before` is the id of the last upload of the previous page. */
export async function listUploads(
  db: Kysely<Database>,
  scope: UploadScope,
  page: { before?: string; limit: number },
): Promise<Upload[]> {
  let query = scoped(db, scope);
  if (page.before !== undefined) {
    query = query.where(
      sql<boolean>`(created_at, id) < (select b.created_at, b.id from uploads b where b.id = ${page.before})`,
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
  return rows.map(toUpload);
}

/** One upload the caller may see; anything else is one that does not exist. */
export async function findUpload(db: Kysely<Database>, scope: UploadScope, id: string): Promise<Upload | undefined> {
  const row = await scoped(db, scope).where('id', '=', id).executeTakeFirst();
  return row && toUpload(row);
}
