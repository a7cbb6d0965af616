import { CsvInputError } from '../../ingest/csv.js';
import { JsonInputError } from '../../ingest/jsonArray.js';
import { InputTooLargeError } from '../../ingest/source.js';
import { XmlInputError } from '../../ingest/xmlError.js';
import { payloadTooLarge } from './uploadBody.js';
import { badRequest, type Problem } from '../problem.js';

/** A document that cannot be read as a whole is refused whole (400/413): nothing of it is stored. */
export function documentProblem(error: unknown): Problem | undefined {
  if (error instanceof XmlInputError) return badRequest([{ path: 'body', message: error.message, line: error.line, column: error.column }]);
  if (error instanceof CsvInputError || error instanceof JsonInputError) return badRequest([{ path: 'body', message: error.message }]);
  if (error instanceof InputTooLargeError) return payloadTooLarge(error.limitBytes);
  // TextDecoder with `fatal`: the bytes are not UTF-8.
  if (error instanceof TypeError && (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
    return badRequest([{ path: 'body', message: 'the body is not valid UTF-8' }]);
  }
  return undefined;
}
