import { getAiDef, type AiDef } from './aiTable.js';
import { GS } from './separator.js';

/** An AI and its value to put into a barcode. */
export interface AiValue {
  ai: string;
  value: string;
}

/** Primary key first, then the path qualifiers in their fixed order (GS1 Digital Link 1.1). */
const DL_QUALIFIERS = ['22', '10', '21'];

function defOf(ai: string): AiDef {
  const def = getAiDef(ai);
  // Encoding data the caller built is a programming error, not a scan error.
  if (def === undefined) throw new RangeError(`unknown GS1 AI (${ai})`);
  return def;
}

/**
 * Element string as a scanner would send it: a GS after every field that is not of predefined
 * length, except the last (GS1 General Specifications 7.8.5).
 */
export function formatElementString(
  elements: readonly AiValue[],
  opts: { symbology?: string; gs?: string } = {},
): string {
  const gs = opts.gs ?? GS;
  let out = opts.symbology ?? '';
  elements.forEach(({ ai, value }, index) => {
    out += ai + value;
    if (!defOf(ai).predefined && index < elements.length - 1) out += gs;
  });
  return out;
}

export function formatBracketed(elements: readonly AiValue[]): string {
  return elements.map(({ ai, value }) => `(${defOf(ai).ai})${value}`).join('');
}

/** GS1 Digital Link URI: key and qualifiers in the path, everything else as query attributes. */
export function formatDigitalLink(elements: readonly AiValue[], base = 'https://id.gs1.org'): string {
  const key = elements.find(({ ai }) => defOf(ai).dlPrimaryKey);
  if (key === undefined) throw new RangeError('a Digital Link needs a primary key AI such as (01)');
  const qualifiers = key.ai === '01' ? DL_QUALIFIERS : [];
  const inPath = [key, ...qualifiers.flatMap((q) => elements.filter(({ ai }) => ai === q))];
  const inQuery = elements.filter((e) => !inPath.includes(e));
  const path = inPath.map(({ ai, value }) => `/${ai}/${encodeURIComponent(value)}`).join('');
  const query = inQuery.map(({ ai, value }) => `${ai}=${encodeURIComponent(value)}`).join('&');
  return `${base}${path}${query === '' ? '' : `?${query}`}`;
}
