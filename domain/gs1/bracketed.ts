import { getAiDef } from './aiTable.js';
import { validateAiValue } from './aiValue.js';
import { gs1Error, type Gs1Error } from './errors.js';
import { ElementCollector, type ParsedScan, type ScanOptions } from './parsedScan.js';
import type { Result } from '../result.js';

/**
 * Length of an "(AI)" marker at s[i]: "(" + 2-4 digits + ")", or 0. Parentheses are set-82
 * characters, so a value may contain them; only this exact shape ends a value.
 */
function markerAt(s: string, i: number): number {
  if (s.charCodeAt(i) !== 40) return 0;
  let j = i + 1;
  while (j < s.length && j - i <= 5 && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  const digits = j - i - 1;
  return digits >= 2 && digits <= 4 && s.charCodeAt(j) === 41 ? digits + 2 : 0;
}

function nextMarker(s: string, from: number): number {
  for (let i = s.indexOf('(', from); i !== -1; i = s.indexOf('(', i + 1)) {
    if (markerAt(s, i) > 0) return i;
  }
  return s.length;
}

/**
 * Human-readable form "(01)00361414567894(17)250728(10)LOT1(21)SER1", as typed from the text
 * line under a barcode. Boundaries are explicit, so one bad field does not stop the rest.
 */
export function parseBracketed(
  input: string,
  start: number,
  opts: ScanOptions,
  symbology: string | null = null,
): Result<ParsedScan, Gs1Error[]> {
  const currentYear = opts.now.getUTCFullYear();
  const collector = new ElementCollector();
  let i = start;
  while (i < input.length) {
    const marker = markerAt(input, i);
    if (marker === 0) {
      collector.fail(gs1Error('malformed', `expected "(AI)" at position ${i}`, { position: i }));
      break;
    }
    const ai = input.slice(i + 1, i + marker - 1);
    let valueAt = i + marker;
    const next = nextMarker(input, valueAt);
    let end = next;
    // Text copied from a label often has spaces around the AI; space is not in set 82 anyway.
    while (valueAt < end && input.charCodeAt(valueAt) === 32) valueAt++;
    while (end > valueAt && input.charCodeAt(end - 1) === 32) end--;
    const def = getAiDef(ai);
    if (def === undefined) {
      collector.fail(gs1Error('unknown_ai', `(${ai}) is not a GS1 AI this service knows`, { ai, position: i }));
    } else {
      collector.add(validateAiValue(def, input.slice(valueAt, end), i, valueAt, currentYear));
    }
    i = next;
  }
  return collector.finish('bracketed', symbology);
}
