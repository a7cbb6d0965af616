import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { FieldError } from '../domain/masterData/fieldError.js';
import { CsvInputError, type CsvLimits } from './csvError.js';
import { DEFAULT_CSV_LIMITS, shapeCheckedCsv } from './csvShape.js';
import type { RecordFormat } from './recordFormats.js';
import { checkRecordNames } from './recordNames.js';
import { textChunks, type ByteSource } from './source.js';

/** A data row by header name, or the reason it cannot be read as one. */
export type CsvRow = { row: number; fields: Record<string, string> } | { row: number; errors: FieldError[] };

function checkHeader(header: string[], format: RecordFormat, required: readonly string[]): string[] {
  const names = header.map((h) => h.trim());
  // A spreadsheet in a European locale separates with `;`: the whole header reads as one column.
  if (names.length === 1 && (names[0]!.match(/;/g) ?? []).length >= 1)
    throw new CsvInputError(
      'the columns are separated by ";", not ","; save the file as CSV with commas (in Excel: "CSV UTF-8 (Comma delimited)"), or replace ";" with ","',
      1,
    );
  const seen = new Set<string>();
  for (const name of names) {
    if (name !== '' && seen.has(name)) throw new CsvInputError(`header repeats column "${name}"`, 1);
    seen.add(name);
  }
  // Empty names are the blank columns spreadsheets add; they hold nothing.
  checkRecordNames(
    names.filter((n) => n !== ''),
    format,
  );
  const missing = required.filter((name) => !seen.has(name));
  if (missing.length > 0) throw new CsvInputError(`header lacks column(s) ${missing.join(', ')}`, 1);
  return names;
}

/** csv-parse's own errors carry a `CSV_...` code; anything else came from the input (size limit, bad UTF-8) and passes through. */
const isCsvParseError = (e: unknown): boolean =>
  typeof (e as { code?: unknown }).code === 'string' && (e as { code: string }).code.startsWith('CSV_');

export interface CsvOptions {
  format: RecordFormat;
  required?: readonly string[];
  limits?: CsvLimits;
}

/**
 * RFC 4180 CSV with a header row, streamed through csv-parse. Columns are found by header
 * name, so their order is free; the header must name only the format's columns. A row with
 * the wrong number of fields is a row error rather than a parser failure
 * (`relax_column_count`), because one short line must not cost the rest of the upload.
 */
export async function* readCsv(source: ByteSource, options: CsvOptions): AsyncGenerator<CsvRow> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  const input = Readable.from(shapeCheckedCsv(textChunks(source), options.limits ?? DEFAULT_CSV_LIMITS));
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  let header: string[] | null = null;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === null) {
        header = checkHeader(record, options.format, options.required ?? []);
        continue;
      }
      row++;
      if (record.length !== header.length) {
        yield {
          row,
          errors: [
            { path: '(row)', message: `expected ${header.length} fields as in the header, got ${record.length}` },
          ],
        };
        continue;
      }
      const fields: Record<string, string> = {};
      header.forEach((name, i) => {
        if (name !== '') fields[name] = record[i] ?? '';
      });
      yield { row, fields };
    }
  } catch (e) {
    if (!isCsvParseError(e)) throw e;
    const lines = (e as { lines?: unknown }).lines;
    throw new CsvInputError(`malformed CSV: ${(e as Error).message}`, typeof lines === 'number' ? lines : undefined);
  } finally {
    input.destroy();
  }
  if (header === null) throw new CsvInputError('the file is empty: a header row is required');
}
