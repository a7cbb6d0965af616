/**
 * Whole-document XML failures. A malformed document or one with a DOCTYPE is not a bad row:
 * nothing after the fault can be trusted, so the parser throws and the upload is refused.
 */
export type XmlErrorCode = 'doctype' | 'malformed' | 'too_large';

export class XmlInputError extends Error {
  constructor(
    readonly code: XmlErrorCode,
    message: string,
    /** 1-based position of the fault in the document. */
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = 'XmlInputError';
  }
}
