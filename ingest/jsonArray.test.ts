import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WrongDocumentError } from './documentKind.js';
import { JsonInputError, readJsonArray } from './jsonArray.js';
import { InputTooLargeError, MAX_TEXT_CHUNK } from './source.js';
import { byteChunks, collect } from '../test/helpers/asyncRows.js';

describe('readJsonArray', () => {
  it('gives the elements JSON.parse gives, however the text is cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue()),
        fc.integer({ min: 1, max: 17 }),
        fc.boolean(),
        async (values, size, pretty) => {
          const text = JSON.stringify(values, null, pretty ? 2 : undefined);
          expect(await collect(readJsonArray(byteChunks(text, size)))).toEqual(JSON.parse(text));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads strings holding brackets, quotes, escapes and characters outside the BMP', async () => {
    const values = ['a]b', '{"x"', 'back\\slash\\', 'quote \\" ]', '😀', { '[': ['}'] }, 1.5e3, true, null];
    expect(await collect(readJsonArray(byteChunks(JSON.stringify(values), 3)))).toEqual(values);
  });

  it('yields an element before the rest of the array has arrived', async () => {
    let chunksRead = 0;
    async function* slowArray() {
      yield '[{"gtin":"1"},';
      for (let i = 0; i < 100; i++) {
        chunksRead++;
        yield `{"gtin":"${i}"},`;
      }
      yield '{"gtin":"last"}]';
    }
    for await (const element of readJsonArray(slowArray())) {
      expect(element).toEqual({ gtin: '1' });
      expect(chunksRead).toBe(0);
      break;
    }
  });

  it('a string source is read in chunks, so no step parses the whole text', async () => {
    const text = JSON.stringify(
      Array.from({ length: 20_000 }, (_, i) => ({ gtin: String(i).padStart(14, '0'), brandName: 'Acme' })),
    );
    expect(text.length).toBeGreaterThan(4 * MAX_TEXT_CHUNK);
    expect((await collect(readJsonArray(text))).length).toBe(20_000);
  });

  it.each([
    ['an empty body', '', /the body is empty/],
    ['an object', '{"gtin":"1"}', /expected a JSON array of records/],
    ['an unclosed array', '[{"gtin":"1"}', /the array is not closed/],
    ['a trailing comma', '[1,2,]', /a comma after element 2/],
    ['a missing comma', '[{"a":1} {"b":2}]', /unexpected "\{" after element 1/],
    ['a bad element', '[{"a":1},{"b":}]', /malformed JSON in element 2/],
    ['data after the array', '[1] [2]', /data after the end of the array/],
  ])('refuses %s', async (_name, text, message) => {
    const error = await collect(readJsonArray(text)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsonInputError);
    expect((error as Error).message).toMatch(message);
  });

  it('refuses XML and CSV as documents of another kind, and a body over the limit', async () => {
    await expect(collect(readJsonArray('<?xml version="1.0"?><EPCISDocument/>'))).rejects.toBeInstanceOf(
      WrongDocumentError,
    );
    await expect(collect(readJsonArray('gtin,brandName\r\n1,A\r\n'))).rejects.toMatchObject({
      name: 'WrongDocumentError',
      sendTo: { contentType: 'text/csv' },
    });
    await expect(collect(readJsonArray(`[${'"x",'.repeat(100)}"x"]`, 64))).rejects.toBeInstanceOf(InputTooLargeError);
  });
});
