import { describe, expect, it } from 'vitest';
import { CsvLimitError } from './csvError.js';
import { shapeCheckedCsv } from './csvShape.js';
import { WrongDocumentError } from './documentKind.js';
import { collect } from '../test/helpers/asyncRows.js';

const limits = { maxColumns: 5, maxFieldChars: 16 };

async function* fromChunks(chunks: readonly string[]) {
  yield* chunks;
}

describe('shapeCheckedCsv', () => {
  it.each([
    ['five columns', 'a,b,c,d,e\r\n1,2,3,4,5\r\n'],
    ['commas and newlines inside quotes', 'a,b\r\n"1,2,3,4,5,6","x\r\ny"\r\n'],
    ['doubled quotes', 'a,b\n"say ""hi"", ok",2\n'],
    ['a field of exactly the limit', 'a\n0123456789abcdef\n'],
    ['a record split across chunks', ['a,b,c', ',d,e\n1,2', ',3,4,5\n']],
  ])('passes %s through unchanged', async (_name, text) => {
    const chunks = typeof text === 'string' ? [text] : text;
    expect((await collect(shapeCheckedCsv(fromChunks(chunks), limits))).join('')).toBe(chunks.join(''));
  });

  it.each([
    ['a wide header', 'a,b,c,d,e,f\n', 'maxColumns', 1],
    ['a wide data row', 'a,b\n1,2\n1,2,3,4,5,6\n', 'maxColumns', 3],
    ['a long field', 'a\n0123456789abcdefg\n', 'maxFieldChars', 2],
    ['a long quoted field', 'a\n"0123,5678901234567"\n', 'maxFieldChars', 2],
  ])('refuses %s, naming the limit and the line', async (_name, text, limit, line) => {
    const error = await collect(shapeCheckedCsv(fromChunks([text]), limits)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvLimitError);
    expect(error).toMatchObject({ limit, line });
  });

  it('stops at the first chunk past the limit: a million-column header is never read to its end', async () => {
    let chunksRead = 0;
    async function* millionColumns() {
      for (let i = 0; i < 1_000; i++) {
        chunksRead++;
        yield 'c,'.repeat(1_000);
      }
    }
    const error = await collect(shapeCheckedCsv(millionColumns(), { maxColumns: 256, maxFieldChars: 16_384 })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ limit: 'maxColumns', max: 256 });
    expect(chunksRead).toBe(1);
  });

  it('refuses XML and JSON before any of it is passed on', async () => {
    for (const text of ['\uFEFF <?xml version="1.0"?><EPCISDocument/>', '[{"gtin":"1"}]']) {
      const passed: string[] = [];
      const error = await (async () => {
        for await (const chunk of shapeCheckedCsv(fromChunks(['', text]), limits)) passed.push(chunk);
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongDocumentError);
      expect(passed.join('')).toBe('');
    }
  });
});
