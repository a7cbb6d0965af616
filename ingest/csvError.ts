/** The file as a whole cannot be read (bad header, unterminated quote): no later row can be trusted. */
export class CsvInputError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `${message} (line ${line})`);
    this.name = 'CsvInputError';
  }
}

/** How wide a CSV may be; checked on the raw text, since csv-parse holds a whole record, however wide, before it hands it over. */
export interface CsvLimits {
  maxColumns: number;
  maxFieldChars: number;
}

/** A CSV past one of its limits: refused whole, naming the limit. */
export class CsvLimitError extends CsvInputError {
  constructor(
    readonly limit: keyof CsvLimits,
    readonly max: number,
    line: number,
  ) {
    super(
      limit === 'maxColumns'
        ? `a record has more than ${max} columns, the most accepted`
        : `a field is longer than ${max} characters, the most accepted`,
      line,
    );
    this.name = 'CsvLimitError';
  }
}
