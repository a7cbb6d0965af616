import { validateUploadedProduct } from '../domain/masterData/requiredFields.js';
import type { ProductRecord, ValidationContext } from '../domain/masterData/validate.js';
import { readCsv } from './csv.js';
import type { CsvLimits } from './csvError.js';
import { readJsonArray, DEFAULT_JSON_LIMIT_BYTES } from './jsonArray.js';
import { PRODUCT_CSV, PRODUCT_JSON, PRODUCT_TEXT_FIELDS } from './recordFormats.js';
import { checkJsonRecordNames } from './recordNames.js';
import { writtenKey, type FieldError, type ProductRow } from './rows.js';
import type { ByteSource } from './source.js';

const TEXT_COLUMNS = [...PRODUCT_TEXT_FIELDS, 'tradeItemUnitDescriptor', 'ownerGln'] as const;

/**
 * A CSV row in the JSON record shape (api.md): `netContentValue` + `netContentUnit` make
 * `netContent`, and `targetMarkets` is `;`-separated. Half a net content is passed on so
 * validation names the missing half.
 */
export function csvToProductRecord(fields: Record<string, string>): ProductRecord {
  const record: ProductRecord = { gtin: fields.gtin ?? '' };
  for (const column of TEXT_COLUMNS) record[column] = fields[column] ?? null;
  const value = fields.netContentValue?.trim() ?? '';
  const unit = fields.netContentUnit?.trim() ?? '';
  record.netContent = value === '' && unit === '' ? null : { value, unit };
  record.targetMarkets = (fields.targetMarkets ?? '')
    .split(';')
    .map((code) => code.trim())
    .filter((code) => code !== '');
  return record;
}

/** A CSV row's errors name the columns the file has, not the record fields they became. */
function inCsvColumns(error: FieldError): FieldError {
  const path = error.path.startsWith('netContent')
    ? error.path === 'netContent.unit'
      ? 'netContentUnit'
      : 'netContentValue'
    : error.path.replace(/^targetMarkets\.\d+$/, 'targetMarkets');
  return { ...error, path };
}

/** What a product parser is told besides the document: who uploads, and how large the document may be. */
export interface ProductParseOptions {
  ctx: ValidationContext;
  csvLimits?: CsvLimits;
  jsonLimitBytes?: number;
  /** The largest trade item read (characters). */
  xmlMaxElementChars?: number;
}

export async function* parseProductCsv(source: ByteSource, opts: ProductParseOptions): AsyncGenerator<ProductRow> {
  for await (const csvRow of readCsv(source, { format: PRODUCT_CSV, required: ['gtin'], limits: opts.csvLimits })) {
    if ('errors' in csvRow) {
      yield csvRow;
      continue;
    }
    const result = validateUploadedProduct(csvToProductRecord(csvRow.fields), opts.ctx);
    yield result.ok
      ? { row: csvRow.row, product: result.value }
      : { row: csvRow.row, errors: result.error.map(inCsvColumns), gtin: csvRow.fields.gtin };
  }
}

/** A JSON array of product records, read one record at a time, at most `jsonLimitBytes` (default 8 MiB). */
export async function* parseProductJson(source: ByteSource, opts: ProductParseOptions): AsyncGenerator<ProductRow> {
  let row = 0;
  for await (const record of readJsonArray(source, opts.jsonLimitBytes ?? DEFAULT_JSON_LIMIT_BYTES)) {
    row++;
    checkJsonRecordNames(record, PRODUCT_JSON, row);
    const result = validateUploadedProduct(record, opts.ctx);
    yield result.ok ? { row, product: result.value } : { row, errors: result.error, ...writtenKey(record) };
  }
}
