import { parseBracketed } from './bracketed.js';
import { isDigitalLink, parseDigitalLink } from './digitalLink.js';
import { parseElementString } from './elementString.js';
import { gs1Error, type Gs1Error } from './errors.js';
import type { ParsedScan, ScanOptions } from './parsedScan.js';
import { separatorsFor } from './separator.js';
import { err, type Result } from '../result.js';

/**
 * Length of an AIM symbology identifier at the start ("]" + letter + digit: ]d2 GS1 DataMatrix,
 * ]C1 GS1-128, ]Q3 GS1 QR, ]Q1 plain QR with a Digital Link, ...), or 0. "]" is outside set 82,
 * so it can never be the start of data.
 */
function symbologyLength(input: string): number {
  if (input.charCodeAt(0) !== 93 || input.length < 3) return 0;
  const letter = input.charCodeAt(1) | 32;
  const digit = input.charCodeAt(2);
  return letter >= 97 && letter <= 122 && digit >= 48 && digit <= 57 ? 3 : 0;
}

/** Shares the common identifiers instead of slicing a new string per scan. */
const COMMON = [']d2', ']C1', ']Q3', ']Q1'];
function symbologyOf(input: string): string {
  return COMMON.find((id) => input.startsWith(id)) ?? input.slice(0, 3);
}

/**
 * One entry point for whatever a scanner or a person delivers: raw element string, bracketed
 * human form or GS1 Digital Link URI. Errors come ranked, the most relevant first.
 */
export function parseScan(input: string, opts: ScanOptions): Result<ParsedScan, Gs1Error[]> {
  const start = symbologyLength(input);
  const symbology = start === 0 ? null : symbologyOf(input);
  if (isDigitalLink(input, start)) return parseDigitalLink(input, start, opts, symbology);
  if (input.charCodeAt(start) === 40) return parseBracketed(input, start, opts, symbology);

  const separators = separatorsFor(opts.gsSubstitute);
  let i = start;
  for (let sep = separators.lengthAt(input, i); sep > 0; sep = separators.lengthAt(input, i)) i += sep;
  if (i >= input.length) {
    return err([gs1Error('empty', symbology === null ? 'the scan is empty' : `nothing follows ${symbology}`)]);
  }
  return parseElementString(input, i, opts, symbology);
}
