/**
 * Every GS1 failure is a value with a machine-readable code, so the API and the scan page can
 * say exactly what is wrong (and where) instead of echoing an exception message.
 */
export type Gs1ErrorCode =
  // Barcode (AI) level, as named by test/vectors/barcodes.json.
  | 'missing_ai'
  | 'check_digit'
  | 'invalid_date'
  | 'too_long'
  | 'bad_character'
  | 'unknown_ai'
  | 'conflicting_ai'
  | 'truncated'
  | 'empty'
  // Identifier level, as named by test/vectors/gtin.json and ndc.json.
  | 'length'
  | 'non_digit'
  | 'segment_layout'
  | 'not_ndc'
  | 'invalid_indicator'
  // Input that does not have the shape of the expected syntax at all (e.g. not an SGTIN URI).
  | 'malformed';

export interface Gs1Error {
  code: Gs1ErrorCode;
  /** The application identifier the error is about, e.g. "17". */
  ai?: string;
  /** Zero-based offset into the string that was parsed. */
  position?: number;
  message: string;
}

export function gs1Error(
  code: Gs1ErrorCode,
  message: string,
  where: { ai?: string; position?: number } = {},
): Gs1Error {
  const error: Gs1Error = { code, message };
  // Only set what is known, so errors compare and serialise cleanly.
  if (where.ai !== undefined) error.ai = where.ai;
  if (where.position !== undefined) error.position = where.position;
  return error;
}
