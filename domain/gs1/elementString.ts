import { lookupAiAt } from './aiTable.js';
import { validateAiValue } from './aiValue.js';
import { gs1Error, type Gs1Error } from './errors.js';
import { ElementCollector, type Gs1Element, type ParsedScan, type ScanOptions } from './parsedScan.js';
import { separatorsFor } from './separator.js';
import type { Result } from '../result.js';

/**
 * Raw scanner output: AI+value pairs in any order with no delimiters except the GS that ends a
 * variable-length field. This is on the verification hot path, so it walks the string once by
 * index and slices only the values.
 */
export function parseElementString(
  input: string,
  start: number,
  opts: ScanOptions,
  symbology: string | null = null,
): Result<ParsedScan, Gs1Error[]> {
  const separators = separatorsFor(opts.gsSubstitute);
  const currentYear = opts.now.getUTCFullYear();
  const collector = new ElementCollector();
  const n = input.length;
  let i = start;
  while (i < n) {
    // A GS where an AI is expected (leading, after a fixed-length field, trailing) is harmless.
    const sep = separators.lengthAt(input, i);
    if (sep > 0) {
      i += sep;
      continue;
    }
    const def = lookupAiAt(input, i);
    if (def === undefined || def === 'short') {
      // Without the AI's length nothing after it can be split, so parsing stops here.
      collector.fail(unknownAi(input, i, def === 'short'));
      break;
    }
    const valueAt = i + def.ai.length;
    let end: number;
    let result: Result<Gs1Element, Gs1Error>;
    if (def.fixed) {
      // No separator search here: a GS inside a fixed field shows up as a bad character of the
      // slice, and only then is it told apart as truncation. Valid scans never pay for that.
      end = valueAt + def.length;
      if (end > n) {
        const cut = separators.find(input, valueAt);
        collector.fail(truncated(def.ai, def.length, cut === -1 ? n : cut, cut !== -1));
        break;
      }
      result = validateAiValue(def, input.slice(valueAt, end), i, valueAt, currentYear);
      const at = result.ok || result.error.code !== 'bad_character' ? undefined : result.error.position;
      if (at !== undefined && separators.lengthAt(input, at) > 0) {
        collector.fail(truncated(def.ai, def.length, at, true));
        break;
      }
    } else {
      const cut = separators.find(input, valueAt);
      end = cut === -1 ? n : cut;
      result = validateAiValue(def, input.slice(valueAt, end), i, valueAt, currentYear);
    }
    collector.add(result);
    i = end;
  }
  return collector.finish('element_string', symbology);
}

/** A fixed-length field cut short at `at`, by a GS or by the end of data. */
function truncated(ai: string, length: number, at: number, byGs: boolean): Gs1Error {
  const why = byGs ? 'a GS' : 'the end of data';
  return gs1Error('truncated', `(${ai}) needs ${length} digits but ${why} comes first`, { ai, position: at });
}

function unknownAi(input: string, i: number, short: boolean): Gs1Error {
  const ai = input.slice(i, i + 2);
  if (short) {
    return gs1Error('truncated', `the data ends inside an AI (${JSON.stringify(input.slice(i))})`, { ai, position: i });
  }
  // JSON quoting keeps control characters in the data readable in logs and on the scan page.
  return gs1Error(
    'unknown_ai',
    `no known GS1 AI starts with ${JSON.stringify(input.slice(i, i + 4))} at position ${i}`,
    {
      ai,
      position: i,
    },
  );
}
