import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHUNK, textChunks } from './source.js';
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
