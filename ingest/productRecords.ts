import { validateProduct, type ProductRecord, type ValidationContext } from '../domain/masterData/validate.js';
import { readCsv } from './csv.js';
import { readJsonArray, DEFAULT_JSON_LIMIT_BYTES } from './jsonArray.js';
import type { ProductRow } from './rows.js';
import type { ByteSource } from './source.js';

const TEXT_COLUMNS = [
  'ndc',
  'ndc11',
  'brandName',
  'functionalName',
  'regulatedProductName',
  'dosageForm',
  'strength',
  'tradeItemUnitDescriptor',
  'ownerGln',
] as const;

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

export async function* parseProductCsv(source: ByteSource, ctx: ValidationContext): AsyncGenerator<ProductRow> {
  for await (const csvRow of readCsv(source, ['gtin'])) {
    if ('errors' in csvRow) {
      yield csvRow;
      continue;
    }
    const result = validateProduct(csvToProductRecord(csvRow.fields), ctx);
    yield result.ok ? { row: csvRow.row, product: result.value } : { row: csvRow.row, errors: result.error };
  }
}

/** A JSON array of product records; parsed whole, so at most `limitBytes` (default 8 MiB). */
export async function* parseProductJson(
  source: ByteSource,
  ctx: ValidationContext,
  limitBytes = DEFAULT_JSON_LIMIT_BYTES,
): AsyncGenerator<ProductRow> {
  const records = await readJsonArray(source, limitBytes);
  for (const [index, record] of records.entries()) {
    const result = validateProduct(record, ctx);
    yield result.ok ? { row: index + 1, product: result.value } : { row: index + 1, errors: result.error };
  }
}
