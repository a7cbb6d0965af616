/**
 * Whole-document XML failures. A malformed document or one with a DOCTYPE is not a bad row:
 * nothing after the fault can be trusted, so the parser throws and the upload is refused.
 */
export type XmlErrorCode = 'doctype' | 'malformed' | 'too_large' | 'no_records';

export class XmlInputError extends Error {
  constructor(
    readonly code: XmlErrorCode,
    message: string,
    /** 1-based position of the fault in the document, when it has one. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? message : `${message} (line ${line}, column ${column})`);
    this.name = 'XmlInputError';
  }
}

/** An XML document of unknown kind that holds nothing the parser reads: most likely not what the sender meant to send. */
export const noRecords = (root: string, element: string, expected: string): XmlInputError =>
  new XmlInputError('no_records', `the document (root element <${root}>) holds no <${element}>: expected ${expected}`);
