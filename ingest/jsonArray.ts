import { leadingSyntax, refuseOtherSyntax } from './documentKind.js';
import { InputTooLargeError, textChunks, type ByteSource } from './source.js';

/**
 * JSON uploads are capped: a few MB of records is fine, anything bigger belongs in CSV or
 * XML. They are read element by element, so even a capped body is never parsed in one go.
 */
export const DEFAULT_JSON_LIMIT_BYTES = 8 * 1024 * 1024;

export class JsonInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonInputError';
  }
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

type State = 'start' | 'first' | 'next' | 'element' | 'after' | 'end';

/**
 * The elements of a top-level JSON array, one at a time as the text arrives: a scanner finds
 * where each element ends (strings, escapes and nesting tracked) and only that element goes
 * through JSON.parse, so no step works on more than one chunk or one record. Anything but an
 * array is a whole-document error; so is malformed JSON, even after good elements.
 */
export async function* readJsonArray(
  source: ByteSource,
  limitBytes = DEFAULT_JSON_LIMIT_BYTES,
): AsyncGenerator<unknown> {
  let state: State = 'start';
  let size = 0;
  let index = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  const element = (text: string): unknown => {
    index++;
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new JsonInputError(`malformed JSON in element ${index}: ${(e as Error).message}`);
    }
  };
  const unexpected = (c: number): never => {
    throw new JsonInputError(
      `malformed JSON: unexpected ${JSON.stringify(String.fromCharCode(c))} after element ${index}`,
    );
  };

  for await (const text of textChunks(source)) {
    size += text.length;
    if (size > limitBytes) throw new InputTooLargeError(limitBytes);
    const ready: unknown[] = [];
    let start = state === 'element' ? 0 : -1;
    const finish = (end: number) => {
      parts.push(text.slice(start, end));
      ready.push(element(parts.join('')));
      parts = [];
      start = -1;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      switch (state) {
        case 'start':
          if (isSpace(c) || c === 0xfeff) continue;
          if (c !== 0x5b /* [ */) {
            refuseOtherSyntax(leadingSyntax(text.slice(i)) ?? 'other', 'json');
            throw new JsonInputError('expected a JSON array of records');
          }
          state = 'first';
          continue;
        case 'first':
        case 'next':
          if (isSpace(c)) continue;
          if (c === 0x5d /* ] */) {
            if (state === 'next')
              throw new JsonInputError(`malformed JSON: a comma after element ${index} and no element`);
            state = 'end';
            continue;
          }
          state = 'element';
          start = i;
          depth = 0;
          inString = false;
          escaped = false;
          i--; // read this character as part of the element
          continue;
        case 'element':
          if (inString) {
            if (escaped) escaped = false;
            else if (c === 0x5c /* \ */) escaped = true;
            else if (c === 0x22 /* " */) inString = false;
          } else if (c === 0x22) inString = true;
          else if (c === 0x7b /* { */ || c === 0x5b) depth++;
          else if (c === 0x7d /* } */ || c === 0x5d) {
            if (depth === 0) {
              // The array's own `]` right after a bare value.
              finish(i);
              if (c !== 0x5d) unexpected(c);
              state = 'end';
            } else if (--depth === 0) {
              finish(i + 1);
              state = 'after';
            }
          } else if (depth === 0 && (c === 0x2c /* , */ || isSpace(c))) {
            finish(i);
            state = c === 0x2c ? 'next' : 'after';
          }
          continue;
        case 'after':
          if (isSpace(c)) continue;
          if (c === 0x2c) state = 'next';
          else if (c === 0x5d) state = 'end';
          else unexpected(c);
          continue;
        case 'end':
          if (!isSpace(c)) throw new JsonInputError('malformed JSON: data after the end of the array');
          continue;
      }
    }
    if ((state as State) === 'element' && start >= 0) parts.push(text.slice(start));
    yield* ready;
  }
  if (state === 'start') throw new JsonInputError('malformed JSON: the body is empty');
  if (state !== 'end') throw new JsonInputError('malformed JSON: the array is not closed');
}
