import { getAiDef, type AiDef } from './aiTable.js';
import { validateAiValue } from './aiValue.js';
import { isAsciiDigits } from './charset.js';
import { gs1Error, type Gs1Error } from './errors.js';
import { ElementCollector, type ParsedScan, type ScanOptions } from './parsedScan.js';
import type { Result } from '../result.js';

/** Scheme and host: any host may serve a Digital Link, and both are case-insensitive. */
const ORIGIN = /^https?:\/\/[^/?#]*/i;

interface Part {
  text: string;
  at: number;
}

/** Splits s[from, to) on `sep`, keeping each part's offset for error positions. */
function splitAt(s: string, from: number, to: number, sep: string): Part[] {
  const parts: Part[] = [];
  let at = from;
  while (at <= to) {
    const next = s.indexOf(sep, at);
    const end = next === -1 || next > to ? to : next;
    parts.push({ text: s.slice(at, end), at });
    at = end + 1;
  }
  return parts;
}

export function isDigitalLink(input: string, start: number): boolean {
  // Cheap first-letter test so element strings (the hot path) never reach the regex.
  return (input.charCodeAt(start) | 32) === 104 && ORIGIN.test(input.slice(start, start + 8));
}

/**
 * GS1 Digital Link URI: /{primary key AI}/{value}[/{qualifier AI}/{value}]... after any path
 * prefix, then data attributes as query parameters. The path is split on "/" before
 * percent-decoding, so an encoded %2F stays inside its value.
 */
export function parseDigitalLink(
  input: string,
  start: number,
  opts: ScanOptions,
  symbology: string | null = null,
): Result<ParsedScan, Gs1Error[]> {
  const currentYear = opts.now.getUTCFullYear();
  const collector = new ElementCollector();
  const origin = ORIGIN.exec(input.slice(start));
  const pathAt = start + (origin?.[0].length ?? 0);
  const hash = input.indexOf('#', pathAt);
  const end = hash === -1 ? input.length : hash;
  const query = input.indexOf('?', pathAt);
  const pathEnd = query === -1 || query > end ? end : query;

  const segments = splitAt(input, pathAt + 1, pathEnd, '/');
  // The key is the first primary-key AI from which the rest of the path is AI/value pairs.
  const keyAt = segments.findIndex(
    (seg, k) => getAiDef(seg.text)?.dlPrimaryKey === true && (segments.length - k) % 2 === 0,
  );
  if (keyAt === -1) {
    collector.fail(
      gs1Error('missing_ai', 'the Digital Link path has no primary key such as /01/{GTIN}', {
        ai: '01',
        position: pathAt,
      }),
    );
    return collector.finish('digital_link', symbology);
  }
  for (let k = keyAt; k + 1 < segments.length; k += 2) {
    addPair(collector, segments[k] as Part, segments[k + 1] as Part, currentYear);
  }
  if (query !== -1 && query < end) {
    for (const param of splitAt(input, query + 1, end, '&')) {
      const eq = param.text.indexOf('=');
      const key = eq === -1 ? param.text : param.text.slice(0, eq);
      // Non-numeric keys (linkType, context, ...) are Digital Link extensions, not AIs.
      if (key === '' || !isAsciiDigits(key)) continue;
      const value = { text: eq === -1 ? '' : param.text.slice(eq + 1), at: param.at + eq + 1 };
      addPair(collector, { text: key, at: param.at }, value, currentYear);
    }
  }
  return collector.finish('digital_link', symbology);
}

function addPair(collector: ElementCollector, key: Part, value: Part, currentYear: number): void {
  const ai = key.text;
  const def = getAiDef(ai);
  if (def === undefined) {
    collector.fail(gs1Error('unknown_ai', `"${ai}" is not a GS1 AI this service knows`, { ai, position: key.at }));
    return;
  }
  let decoded: string;
  try {
    decoded = value.text.includes('%') ? decodeURIComponent(value.text) : value.text;
  } catch {
    collector.fail(gs1Error('bad_character', `(${ai}) has an invalid percent escape`, { ai, position: value.at }));
    return;
  }
  collector.add(validateAiValue(def, padGtin(def, decoded), key.at, value.at, currentYear));
}

/** Digital Link allows GTIN-8, -12 and -13 in the path; they mean the zero-padded GTIN-14. */
function padGtin(def: AiDef, value: string): string {
  const n = value.length;
  return def.ai === '01' && (n === 8 || n === 12 || n === 13) && isAsciiDigits(value) ? value.padStart(14, '0') : value;
}
