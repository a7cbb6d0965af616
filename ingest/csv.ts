import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { FieldError } from '../domain/masterData/fieldError.js';
import { textChunks, type ByteSource } from './source.js';

/** A data row by header name, or the reason it cannot be read as one. */
export type CsvRow = { row: number; fields: Record<string, string> } | { row: number; errors: FieldError[] };

/** The file as a whole cannot be read (bad header, unterminated quote): no later row can be trusted. */
export class CsvInputError extends Error {
  constructor(message: string, readonly line?: number) {
    super(line === undefined ? message : `${message} (line ${line})`);
    this.name = 'CsvInputError';
  }
}

function checkHeader(header: string[], required: readonly string[]): string[] {
  const names = header.map((h) => h.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (name !== '' && seen.has(name)) throw new CsvInputError(`header repeats column "${name}"`, 1);
    seen.add(name);
  }
  const missing = required.filter((name) => !seen.has(name));
  if (missing.length > 0) throw new CsvInputError(`header lacks column(s) ${missing.join(', ')}`, 1);
  return names;
}

/**
 * RFC 4180 CSV with a header row, streamed through csv-parse. Columns are found by header
 * name, so their order is free and unknown columns are ignored. A row with the wrong number
 * of fields is a row error rather than a parser failure (`relax_column_count`), because one
 * short line must not cost the rest of the upload.
 */
export async function* readCsv(source: ByteSource, requiredColumns: readonly string[] = []): AsyncGenerator<CsvRow> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  const input = Readable.from(textChunks(source));
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  let header: string[] | null = null;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === null) {
        header = checkHeader(record, requiredColumns);
        continue;
      }
      row++;
      if (record.length !== header.length) {
        yield { row, errors: [{ path: '(row)', message: `expected ${header.length} fields as in the header, got ${record.length}` }] };
        continue;
      }
      const fields: Record<string, string> = {};
      header.forEach((name, i) => {
        if (name !== '') fields[name] = record[i] ?? '';
      });
      yield { row, fields };
    }
  } catch (e) {
    if (e instanceof CsvInputError) throw e;
    const lines = (e as { lines?: unknown }).lines;
    throw new CsvInputError(`malformed CSV: ${(e as Error).message}`, typeof lines === 'number' ? lines : undefined);
  } finally {
    input.destroy();
  }
  if (header === null) throw new CsvInputError('the file is empty: a header row is required');
}
