import { validateDirectoryRecord, type DirectoryRecord } from '../domain/directory/record.js';
import { readCsv } from './csv.js';
import { DEFAULT_JSON_LIMIT_BYTES, readJsonArray } from './jsonArray.js';
import type { RowError } from './rows.js';
import type { ByteSource } from './source.js';

export type DirectoryRow = { row: number; record: DirectoryRecord } | RowError;

const COLUMNS = ['gtin', 'responderGLN', 'vrsName', 'verificationUrl', 'connectivityUrl', 'validFrom', 'validTo'] as const;

/** A partner's directory as CSV with a header row naming the record fields (api.md upload rows: header excluded). */
export async function* parseDirectoryCsv(source: ByteSource): AsyncGenerator<DirectoryRow> {
  for await (const csvRow of readCsv(source, ['gtin', 'responderGLN'])) {
    if ('errors' in csvRow) {
      yield csvRow;
      continue;
    }
    const record = Object.fromEntries(COLUMNS.map((c) => [c, csvRow.fields[c]]));
    const result = validateDirectoryRecord(record);
    yield result.ok ? { row: csvRow.row, record: result.value } : { row: csvRow.row, errors: result.error };
  }
}

/** A JSON array of directory records; parsed whole, so at most `limitBytes` (default 8 MiB). */
export async function* parseDirectoryJson(source: ByteSource, limitBytes = DEFAULT_JSON_LIMIT_BYTES): AsyncGenerator<DirectoryRow> {
  for (const [index, raw] of (await readJsonArray(source, limitBytes)).entries()) {
    const result = validateDirectoryRecord(raw);
    yield result.ok ? { row: index + 1, record: result.value } : { row: index + 1, errors: result.error };
  }
}
