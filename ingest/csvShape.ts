import { CsvLimitError, type CsvLimits } from './csvError.js';
import { leadingSyntax, refuseOtherSyntax } from './documentKind.js';

/** Our formats have 13-15 columns; spreadsheets add empty ones. A product's longest text is 500 characters. */
export const DEFAULT_CSV_LIMITS: CsvLimits = { maxColumns: 256, maxFieldChars: 16_384 };

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Passes CSV text through, counting columns and field lengths quote-aware (RFC 4180: a doubled
 * quote toggles twice), and throws as soon as a limit is passed: a header of a million columns
 * costs one chunk's scan, not a million-element record. Text that starts like XML or JSON is
 * refused before any of it is parsed.
 */
export async function* shapeCheckedCsv(chunks: AsyncIterable<string>, limits: CsvLimits): AsyncGenerator<string> {
  let sniffed = false;
  let quoted = false;
  let columns = 1;
  let fieldChars = 0;
  let line = 1;
  for await (const text of chunks) {
    if (!sniffed) {
      const syntax = leadingSyntax(text);
      if (syntax !== null) {
        refuseOtherSyntax(syntax, 'csv');
        sniffed = true;
      }
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) line++;
      if (c === QUOTE) quoted = !quoted;
      else if (!quoted && c === COMMA) {
        if (++columns > limits.maxColumns) throw new CsvLimitError('maxColumns', limits.maxColumns, line);
        fieldChars = 0;
        continue;
      } else if (!quoted && (c === LF || c === CR)) {
        columns = 1;
        fieldChars = 0;
        continue;
      }
      if (++fieldChars > limits.maxFieldChars) throw new CsvLimitError('maxFieldChars', limits.maxFieldChars, line);
    }
    yield text;
  }
}
