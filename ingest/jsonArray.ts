import { readText, type ByteSource } from './source.js';

/**
 * JSON uploads are parsed whole with JSON.parse, so they are capped: a few MB of records
 * is fine, anything bigger belongs in CSV or XML, which stream.
 */
export const DEFAULT_JSON_LIMIT_BYTES = 8 * 1024 * 1024;

export class JsonInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonInputError';
  }
}

/** The elements of a top-level JSON array; anything else is a whole-document error. */
export async function readJsonArray(source: ByteSource, limitBytes = DEFAULT_JSON_LIMIT_BYTES): Promise<unknown[]> {
  // A BOM survives in a string source (bytes lose it in the decoder) and JSON.parse rejects it.
  const text = (await readText(source, limitBytes)).replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new JsonInputError(`malformed JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(value)) throw new JsonInputError('expected a JSON array of records');
  return value;
}
