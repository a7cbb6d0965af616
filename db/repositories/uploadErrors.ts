import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** A rejected row as errors.csv lists it: its number, what identifies it, and each bad column. */
export interface RejectedRow {
  row: number;
  gtin?: string | undefined;
  serial?: string | undefined;
  errors: { path: string; message: string }[];
}

export interface UploadErrorLine {
  row: number;
  gtin: string | null;
  serial: string | null;
  column: string;
  message: string;
}

const INSERT_CHUNK = 2_000;

/** One line per field error, in the order the rows were read. */
export async function insertUploadErrors(
  db: Kysely<Database>,
  uploadId: string,
  rows: readonly RejectedRow[],
): Promise<void> {
  const lines = rows.flatMap((r) =>
    r.errors.map((e) => ({
      row: r.row,
      gtin: r.gtin || null,
      serial: r.serial || null,
      column_name: e.path,
      message: e.message,
    })),
  );
  for (let i = 0; i < lines.length; i += INSERT_CHUNK) {
    await db
      .insertInto('upload_errors')
      .values(lines.slice(i, i + INSERT_CHUNK).map((line, j) => ({ upload_id: uploadId, seq: i + j, ...line })))
      .execute();
  }
}

export async function listUploadErrors(db: Kysely<Database>, uploadId: string): Promise<UploadErrorLine[]> {
  const rows = await db
    .selectFrom('upload_errors')
    .select(['row', 'gtin', 'serial', 'column_name', 'message'])
    .where('upload_id', '=', uploadId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({ row: r.row, gtin: r.gtin, serial: r.serial, column: r.column_name, message: r.message }));
}
