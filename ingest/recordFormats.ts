import type { UploadTarget } from './documentKind.js';

/**
 * The names a record of one upload format may carry (data-formats.md, api.md "Product
 * fields"): those it reads, and those it knows but ignores. Anything else is a misspelling or
 * a document of another kind, and is refused rather than silently dropped.
 */
export interface RecordFormat {
  /** What a document of this format is called in messages: "a product CSV". */
  looksLike: string;
  target: UploadTarget;
  /** "column" for CSV, "field" for JSON. */
  nameOf: 'column' | 'field';
  read: readonly string[];
  /** Columns our own downloads add, so a download can be uploaded again. */
  ignored: readonly string[];
  /** Object-valued fields and the names they may hold (JSON `netContent: {value, unit}`). */
  nested: Readonly<Record<string, readonly string[]>>;
}

/** Product fields that are plain text, named alike in CSV and JSON. */
export const PRODUCT_TEXT_FIELDS = [
  'ndc',
  'ndc11',
  'brandName',
  'functionalName',
  'regulatedProductName',
  'dosageForm',
  'strength',
] as const;

/** The product CSV's columns, in the order our downloads write them. */
export const PRODUCT_CSV_COLUMNS = [
  'gtin',
  ...PRODUCT_TEXT_FIELDS,
  'netContentValue',
  'netContentUnit',
  'tradeItemUnitDescriptor',
  'targetMarkets',
  'ownerGln',
] as const;

/** What a master-data download adds to each product: where it is served from. */
export const PRODUCT_DOWNLOAD_COLUMNS = ['producerGln', 'syncedAt'] as const;

export const SERIAL_CSV_COLUMNS = [
  'eventId',
  'gtin',
  'serial',
  'lot',
  'expiry',
  'status',
  'recalled',
  'suspect',
  'illegitimate',
  'expirationExtended',
  'extendedExpiry',
  'reasonCode',
  'eventTime',
] as const;

export const PRODUCT_CSV: RecordFormat = {
  looksLike: 'a product master-data CSV',
  target: 'master-data',
  nameOf: 'column',
  read: PRODUCT_CSV_COLUMNS,
  ignored: PRODUCT_DOWNLOAD_COLUMNS,
  nested: {},
};

export const PRODUCT_JSON: RecordFormat = {
  looksLike: 'a JSON array of product records',
  target: 'master-data',
  nameOf: 'field',
  read: ['gtin', ...PRODUCT_TEXT_FIELDS, 'netContent', 'tradeItemUnitDescriptor', 'targetMarkets', 'ownerGln'],
  ignored: PRODUCT_DOWNLOAD_COLUMNS,
  nested: { netContent: ['value', 'unit'] },
};

export const SERIAL_CSV: RecordFormat = {
  looksLike: 'a serial-event CSV',
  target: 'serials',
  nameOf: 'column',
  read: SERIAL_CSV_COLUMNS,
  ignored: [],
  nested: {},
};

/** A partner's Lookup Directory records, uploaded by the operator for partners that send spreadsheets. */
export const DIRECTORY_CSV: RecordFormat = {
  looksLike: 'a Lookup Directory CSV',
  target: 'directory',
  nameOf: 'column',
  read: ['gtin', 'responderGLN', 'vrsName', 'verificationUrl', 'connectivityUrl', 'validFrom', 'validTo'],
  ignored: [],
  nested: {},
};

export const SERIAL_JSON: RecordFormat = { ...SERIAL_CSV, looksLike: 'a JSON array of serial events', nameOf: 'field' };

/** The same syntax for the other upload: what a document is compared with when its names do not fit. */
export const OTHER_FORMAT: ReadonlyMap<RecordFormat, RecordFormat> = new Map([
  [PRODUCT_CSV, SERIAL_CSV],
  [SERIAL_CSV, PRODUCT_CSV],
  [PRODUCT_JSON, SERIAL_JSON],
  [SERIAL_JSON, PRODUCT_JSON],
]);
