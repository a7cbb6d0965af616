import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHUNK, NotUtf8Error, textChunks } from './source.js';
import { byteChunks, collect } from '../test/helpers/asyncRows.js';

const endsInHighSurrogate = (s: string) => {
  const last = s.charCodeAt(s.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
};

describe('textChunks', () => {
  it.each([
    ['a string', (text: string) => text],
    ['one large buffer', (text: string) => new TextEncoder().encode(text)],
    ['byte chunks', (text: string) => byteChunks(text, 100_000)],
  ])('cuts %s into chunks of at most MAX_TEXT_CHUNK, never inside a surrogate pair', async (_name, source) => {
    const text = `${'a'.repeat(MAX_TEXT_CHUNK - 1)}😀${'b'.repeat(MAX_TEXT_CHUNK)}😀é`.repeat(3);
    const chunks = await collect(textChunks(source(text)));
    expect(chunks.join('')).toBe(text);
    expect(chunks.every((c) => c.length <= MAX_TEXT_CHUNK && c.length > 0 && !endsInHighSurrogate(c))).toBe(true);
    expect(chunks.length).toBeGreaterThan(6);
  });
});

describe('textChunks: bytes that are not UTF-8', () => {
  const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  it.each([
    ['in the first chunk', 1_000_000, 3],
    ['after several chunks', 7, 3],
  ])('name the line they are on (%s)', async (_name, chunkSize, line) => {
    // "Caf\xe9" is how Windows-1252 writes "Café".
    const bytes = latin1('gtin,brandName\n00305910369019,Acme\n00305910369026,Caf\xe9\n');
    const chunks = Array.from({ length: Math.ceil(bytes.length / chunkSize) }, (_, i) =>
      bytes.subarray(i * chunkSize, (i + 1) * chunkSize),
    );
    const error = await collect(textChunks(chunks)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotUtf8Error);
    expect(error).toMatchObject({ line });
    expect((error as Error).message).toMatch(/^line 3 is not UTF-8 .*save it as UTF-8/);
  });
});
