import { CsvInputError, CsvLimitError } from '../../ingest/csvError.js';
import { WrongDocumentError, type UploadTarget } from '../../ingest/documentKind.js';
import { JsonInputError } from '../../ingest/jsonArray.js';
import { UnknownNamesError } from '../../ingest/recordNames.js';
import { InputTooLargeError, NotUtf8Error } from '../../ingest/source.js';
import { XmlInputError } from '../../ingest/xmlError.js';
import { payloadTooLarge } from './uploadBody.js';
import { badRequest, Problem } from '../problem.js';

const UPLOAD_PATHS: Record<UploadTarget, string> = {
  'master-data': '/v1/master-data',
  serials: '/v1/serials',
  directory: '/v1/admin/partners/{id}/directory',
};

/** The configuration variable behind each CSV limit, so the operator knows what to raise. */
const CSV_LIMIT_VARIABLES = {
  maxColumns: 'UPLOAD_CSV_MAX_COLUMNS',
  maxFieldChars: 'UPLOAD_CSV_MAX_FIELD_CHARS',
} as const;

/** A document that cannot be read as a whole is refused whole (400/413): nothing of it is stored. */
export function documentProblem(error: unknown): Problem | undefined {
  if (error instanceof XmlInputError) {
    const limit = error.code === 'too_large' ? { limit: 'UPLOAD_XML_MAX_ELEMENT_CHARS' } : {};
    return badRequest([{ path: 'body', message: error.message, line: error.line, column: error.column, ...limit }]);
  }
  if (error instanceof CsvLimitError) {
    return badRequest([
      { path: 'body', message: error.message, limit: CSV_LIMIT_VARIABLES[error.limit], max: error.max },
    ]);
  }
  if (error instanceof CsvInputError || error instanceof JsonInputError)
    return badRequest([{ path: 'body', message: error.message }]);
  if (error instanceof WrongDocumentError) {
    const where =
      'target' in error.sendTo
        ? `send it to POST ${UPLOAD_PATHS[error.sendTo.target]}`
        : `send it with Content-Type ${error.sendTo.contentType}`;
    return badRequest([{ path: 'body', message: `this is ${error.looksLike}; ${where}` }]);
  }
  if (error instanceof UnknownNamesError) {
    const errors = error.unknown.map((u) => ({
      path: u.name,
      message: `unknown ${error.nameOf}${u.didYouMean.length > 0 ? `; did you mean ${u.didYouMean.join(' or ')}?` : ''}`,
      ...(error.row === undefined ? {} : { row: error.row }),
    }));
    return new Problem(400, 'Bad Request', error.message, { errors, expected: error.expected });
  }
  if (error instanceof InputTooLargeError) return payloadTooLarge(error.limitBytes);
  if (error instanceof NotUtf8Error) return badRequest([{ path: 'body', message: error.message, line: error.line }]);
  return undefined;
}
