import { readCsv } from './csv.js';
import type { CsvLimits } from './csvError.js';
import { readJsonArray, DEFAULT_JSON_LIMIT_BYTES } from './jsonArray.js';
import { SERIAL_CSV, SERIAL_JSON } from './recordFormats.js';
import { checkJsonRecordNames } from './recordNames.js';
import { writtenKey, type SerialRow } from './rows.js';
import { toSerialEvent } from './serialRow.js';
import type { ByteSource } from './source.js';

/** Columns a file must have; the optional ones (eventId, flags, reasonCode...) may be left out. */
const REQUIRED = ['gtin', 'serial', 'lot', 'expiry', 'status', 'eventTime'];

export interface SerialParseOptions {
  /** Anchors the GS1 two-digit-year window of expiry dates; the clock when not given. */
  now?: Date;
  csvLimits?: CsvLimits;
  jsonLimitBytes?: number;
  /** The largest EPCIS event read (characters). */
  xmlMaxElementChars?: number;
}

export async function* parseSerialCsv(source: ByteSource, opts: SerialParseOptions = {}): AsyncGenerator<SerialRow> {
  const now = opts.now ?? new Date();
  for await (const csvRow of readCsv(source, { format: SERIAL_CSV, required: REQUIRED, limits: opts.csvLimits })) {
    if ('errors' in csvRow) {
      yield csvRow;
      continue;
    }
    const result = toSerialEvent(csvRow.fields, now);
    yield result.ok
      ? { row: csvRow.row, event: result.value }
      : { row: csvRow.row, errors: result.error, gtin: csvRow.fields.gtin, serial: csvRow.fields.serial };
  }
}

/** A JSON array of the same objects, read one record at a time, at most `jsonLimitBytes` (default 8 MiB). */
export async function* parseSerialJson(source: ByteSource, opts: SerialParseOptions = {}): AsyncGenerator<SerialRow> {
  const now = opts.now ?? new Date();
  let row = 0;
  for await (const record of readJsonArray(source, opts.jsonLimitBytes ?? DEFAULT_JSON_LIMIT_BYTES)) {
    row++;
    checkJsonRecordNames(record, SERIAL_JSON, row);
    const result = toSerialEvent(record, now);
    yield result.ok ? { row, event: result.value } : { row, errors: result.error, ...writtenKey(record) };
  }
}
