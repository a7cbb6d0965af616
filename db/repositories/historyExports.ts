import { sql, type Kysely } from 'kysely';
import { historyFormats, type HistoryFormat } from '../../domain/history/exportFormats.js';
import type { Database } from '../schema.js';
import type { HistoryExportRow, HistoryExportStatus } from '../tables/historyExports.js';
import { readHistoryPage, type HistoryCursor, type HistoryScope } from './history.js';

/** Exports are kept this long after they were asked for; a company's next request clears older ones. */
export const EXPORT_RETENTION_DAYS = 7;

export interface HistoryExport {
  id: string;
  companyId: string;
  scope: HistoryScope;
  format: HistoryFormat;
  status: HistoryExportStatus;
  rows: number;
  bytes: number;
  chunks: number;
  error: string | null;
  workflowId: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

type StoredScope = Omit<HistoryScope, 'from' | 'to'> & { from: string; to: string };

const toExport = (row: HistoryExportRow): HistoryExport => {
  const stored = row.selection as StoredScope;
  return {
    id: row.id,
    companyId: row.company_id,
    scope: { ...stored, from: new Date(stored.from), to: new Date(stored.to) },
    format: row.format,
    status: row.status,
    rows: Number(row.rows),
    bytes: Number(row.bytes),
    chunks: row.chunks,
    error: row.error,
    workflowId: row.workflow_id,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
};

/** Records an export to run; the company's exports past retention go in the same transaction. */
export async function createHistoryExport(
  db: Kysely<Database>,
  scope: HistoryScope,
  format: HistoryFormat,
): Promise<HistoryExport> {
  return db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('history_exports')
      .where('company_id', '=', scope.companyId)
      .where('created_at', '<', sql<Date>`now() - make_interval(days => ${EXPORT_RETENTION_DAYS})`)
      .execute();
    const row = await trx
      .insertInto('history_exports')
      .values({
        company_id: scope.companyId,
        selection: JSON.stringify({ ...scope, from: scope.from.toISOString(), to: scope.to.toISOString() }),
        format,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toExport(row);
  });
}

export async function setHistoryExportWorkflow(db: Kysely<Database>, id: string, workflowId: string): Promise<void> {
  await db.updateTable('history_exports').set({ workflow_id: workflowId }).where('id', '=', id).execute();
}

/** One of the company's exports; another company's is one that does not exist. */
export async function findHistoryExport(
  db: Kysely<Database>,
  companyId: string,
  id: string,
): Promise<HistoryExport | undefined> {
  const row = await db
    .selectFrom('history_exports')
    .selectAll()
    .where('id', '=', id)
    .where('company_id', '=', companyId)
    .executeTakeFirst();
  return row && toExport(row);
}

/**
 * Appends the next page of the export as one chunk, in one transaction with the cursor after it:
 * a retried attempt starts from the last committed chunk, so nothing is lost or written twice.
 * The last page closes the document and marks the export completed.
 */
export async function writeNextHistoryExportChunk(
  db: Kysely<Database>,
  id: string,
  pageSize: number,
): Promise<{ done: boolean; rows: number }> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('history_exports').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row || row.status !== 'running') return { done: true, rows: row ? Number(row.rows) : 0 };
    const current = toExport(row);
    const format = historyFormats[current.format];
    const page = await readHistoryPage(
      trx,
      current.scope,
      (row.cursor ?? undefined) as HistoryCursor | undefined,
      pageSize,
    );
    const last = page.next === undefined;
    const text =
      (current.chunks === 0 ? format.start : '') +
      (page.records.length > 0 ? format.page(page.records, current.rows === 0) : '') +
      (last ? format.end : '');
    const body = Buffer.from(text);
    await trx.insertInto('history_export_chunks').values({ export_id: id, seq: current.chunks, body }).execute();
    const rows = current.rows + page.records.length;
    await trx
      .updateTable('history_exports')
      .set({
        cursor: last ? null : JSON.stringify(page.next),
        chunks: current.chunks + 1,
        rows,
        bytes: current.bytes + body.length,
        ...(last && { status: 'completed' as const, finished_at: sql<Date>`now()` }),
      })
      .where('id', '=', id)
      .execute();
    return { done: last, rows };
  });
}

export async function failHistoryExport(db: Kysely<Database>, id: string, error: string): Promise<void> {
  await db
    .updateTable('history_exports')
    .set({ status: 'failed', error, finished_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Chunk `seq` of an export's text, or undefined past its last. */
export async function readHistoryExportChunk(
  db: Kysely<Database>,
  id: string,
  seq: number,
): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('history_export_chunks')
    .select('body')
    .where('export_id', '=', id)
    .where('seq', '=', seq)
    .executeTakeFirst();
  return row?.body;
}
