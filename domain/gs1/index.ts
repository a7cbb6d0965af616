/** Public API of the GS1 domain: identifiers, dates and barcode parsing. Pure: no I/O, no clock. */
export type { Gs1Error, Gs1ErrorCode } from './errors.js';

// Identifiers
export { computeCheckDigit, hasValidCheckDigit, isValidGtin14, normalizeGtin, validateGtin14 } from './gtin.js';
export { isValidGln, validateGln } from './gln.js';
export { gtinWithinPrefixes, outsidePrefixesMessage, prefixesOverlap, prefixOfGtin } from './companyPrefix.js';
export { formatSgtinUri, parseSgtinUri, type Sgtin } from './sgtin.js';
export {
  formatNdc10,
  formatNdc11,
  ndc10ToNdc11,
  ndc11ToNdc10,
  parseNdc10,
  NDC_LAYOUTS,
  type Ndc10,
  type NdcLayout,
} from './ndc.js';
export {
  gtin14ToNdc10,
  ndc10ToGtin14,
  ndc11ToGtin14,
  type GtinToNdc,
  type NdcReading,
  type NdcToGtin,
} from './ndcGtin.js';

// Dates and characters
export { parseGs1Date, resolveTwoDigitYear, type Gs1Date } from './date.js';
export { isSet82 } from './charset.js';

// Barcodes
export { AI_DEFS, getAiDef, type AiDef, type AiLint } from './aiTable.js';
export { getAi, type Gs1Element, type ParsedScan, type ScanForm, type ScanOptions } from './parsedScan.js';
export { parseScan } from './parseScan.js';
export { parseElementString } from './elementString.js';
export { parseBracketed } from './bracketed.js';
export { isDigitalLink, parseDigitalLink } from './digitalLink.js';
export { parsePackScan, requirePackIdentifiers, type PackIdentifiers } from './pack.js';
export { formatBracketed, formatDigitalLink, formatElementString, type AiValue } from './encode.js';
export { GS } from './separator.js';
