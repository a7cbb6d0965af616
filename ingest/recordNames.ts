import { WrongDocumentError } from './documentKind.js';
import { OTHER_FORMAT, type RecordFormat } from './recordFormats.js';

/** A misspelled or foreign column or field, with the names the format has, and a guess at the meant one. */
export interface UnknownName {
  name: string;
  didYouMean: string[];
}

/** The document names columns (or fields) its format does not have: refused whole, since their data would be dropped. */
export class UnknownNamesError extends Error {
  constructor(
    readonly nameOf: 'column' | 'field',
    readonly unknown: readonly UnknownName[],
    readonly expected: readonly string[],
    /** The JSON record the names were found in; CSV names are in the header. */
    readonly row?: number,
  ) {
    const list = unknown.map((u) => `"${u.name}"`).join(', ');
    super(
      `unknown ${nameOf}${unknown.length > 1 ? 's' : ''} ${list}${row === undefined ? '' : ` in record ${row}`}; the ${nameOf}s are ${expected.join(', ')}`,
    );
    this.name = 'UnknownNamesError';
  }
}

interface NameSets {
  known: Set<string>;
  own: Set<string>;
  other: Set<string>;
  expected: string[];
}

const cache = new Map<RecordFormat, NameSets>();

const withNested = (format: RecordFormat): string[] => [
  ...format.read,
  ...Object.entries(format.nested).flatMap(([field, names]) => names.map((n) => `${field}.${n}`)),
];

function setsOf(format: RecordFormat): NameSets {
  let sets = cache.get(format);
  if (sets === undefined) {
    const other = OTHER_FORMAT.get(format);
    const read = withNested(format);
    const otherRead = other === undefined ? [] : withNested(other);
    sets = {
      known: new Set([...read, ...format.ignored]),
      own: new Set(read.filter((n) => !otherRead.includes(n))),
      other: new Set(otherRead.filter((n) => !read.includes(n))),
      expected: read,
    };
    cache.set(format, sets);
  }
  return sets;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Names a person may have meant: same but for case, one a prefix of the other (`netContent`), or two edits away. */
export function didYouMean(name: string, candidates: readonly string[]): string[] {
  const n = name.toLowerCase();
  if (n.length < 3) return [];
  return candidates
    .filter((candidate) => {
      const c = candidate.toLowerCase();
      // The distance is at least the difference in length: long names never pay for the table.
      return (
        c === n ||
        c.startsWith(n) ||
        n.startsWith(c) ||
        (n.length >= 4 && Math.abs(n.length - c.length) <= 2 && editDistance(n, c) <= 2)
      );
    })
    .slice(0, 3);
}

/** The names of a JSON record, with `field.name` for the names inside its object-valued fields. */
function jsonRecordNames(record: object, format: RecordFormat): string[] {
  const names: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    names.push(key);
    if (Object.hasOwn(format.nested, key) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const inner of Object.keys(value as object)) names.push(`${key}.${inner}`);
    }
  }
  return names;
}

/** `checkRecordNames` for a JSON array element; one that is not an object is left to validation, which names it a bad row. */
export function checkJsonRecordNames(record: unknown, format: RecordFormat, row: number): void {
  if (typeof record === 'object' && record !== null && !Array.isArray(record))
    checkRecordNames(jsonRecordNames(record, format), format, row);
}

/**
 * Checks a CSV header's or a JSON record's names against the format: a document that has
 * none of the format's own names but some of the other upload's is of the wrong kind (a
 * serial CSV sent as master data); otherwise every name must be known.
 */
export function checkRecordNames(names: readonly string[], format: RecordFormat, row?: number): void {
  const sets = setsOf(format);
  const other = OTHER_FORMAT.get(format);
  if (other !== undefined && !names.some((n) => sets.own.has(n)) && names.some((n) => sets.other.has(n))) {
    throw new WrongDocumentError(other.looksLike, { target: other.target });
  }
  const unknown = names.filter((n) => !sets.known.has(n));
  if (unknown.length > 0) {
    throw new UnknownNamesError(
      format.nameOf,
      unknown.slice(0, 20).map((name) => ({ name, didYouMean: didYouMean(name, sets.expected) })),
      sets.expected,
      row,
    );
  }
}
