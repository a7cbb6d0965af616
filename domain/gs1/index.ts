/** Public API of the GS1 domain: identifiers, dates and barcode parsing. Pure: no I/O, no clock. */
export type { Gs1Error, Gs1ErrorCode } from './errors.js';
export { computeCheckDigit, hasValidCheckDigit, isValidGtin14, normalizeGtin, validateGtin14 } from './gtin.js';
export { isValidGln, validateGln } from './gln.js';
export { parseGs1Date, resolveTwoDigitYear, type Gs1Date } from './date.js';
export { formatSgtinUri, parseSgtinUri, type Sgtin } from './sgtin.js';
export { formatNdc10, formatNdc11, ndc10ToNdc11, ndc11ToNdc10, parseNdc10, NDC_LAYOUTS, type Ndc10, type NdcLayout } from './ndc.js';
export { gtin14ToNdc10, ndc10ToGtin14, ndc11ToGtin14, type GtinToNdc, type NdcReading, type NdcToGtin } from './ndc-gtin.js';
export { isSet82 } from './charset.js';
