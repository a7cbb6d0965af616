import { validateDirectoryRecord, type DirectoryRecord } from '../domain/directory/record.js';
import { readCsv } from './csv.js';
import { DIRECTORY_CSV } from './recordFormats.js';
import { DEFAULT_JSON_LIMIT_BYTES, readJsonArray } from './jsonArray.js';
import type { RowError } from './rows.js';
import type { ByteSource } from './source.js';

export type DirectoryRow = { row: number; record: DirectoryRecord } | RowError;

/** A partner's directory as CSV with a header row naming the record fields (api.md upload rows: header excluded). */
export async function* parseDirectoryCsv(source: ByteSource): AsyncGenerator<DirectoryRow> {
  for await (const csvRow of readCsv(source, { format: DIRECTORY_CSV, required: ['gtin', 'responderGLN'] })) {
    if ('errors' in csvRow) {
      yield csvRow;
      continue;
    }
    const record = Object.fromEntries(DIRECTORY_CSV.read.map((c) => [c, csvRow.fields[c]]));
    const result = validateDirectoryRecord(record);
    yield result.ok ? { row: csvRow.row, record: result.value } : { row: csvRow.row, errors: result.error };
  }
}

/** A JSON array of directory records, read element by element (each at most `limitBytes`, default 8 MiB). */
export async function* parseDirectoryJson(
  source: ByteSource,
  limitBytes = DEFAULT_JSON_LIMIT_BYTES,
): AsyncGenerator<DirectoryRow> {
  let row = 0;
  for await (const raw of readJsonArray(source, limitBytes)) {
    row++;
    const result = validateDirectoryRecord(raw);
    yield result.ok ? { row, record: result.value } : { row, errors: result.error };
  }
}
