import { Problem } from '../problem.js';

const MB = 1024 * 1024;
const KB = 1024;

/** A byte count as people say it: `100 MB`, `8 MB`, `512 KB`, else bytes. */
export const inWords = (bytes: number): string =>
  bytes >= MB && bytes % MB === 0
    ? `${bytes / MB} MB`
    : bytes >= KB && bytes % KB === 0
      ? `${bytes / KB} KB`
      : `${bytes} bytes`;

export const payloadTooLarge = (limit: number) =>
  new Problem(413, 'Payload Too Large', `the upload is larger than ${inWords(limit)}; split it`, { limitBytes: limit });

/** The request body chunk by chunk, failing with 413 as soon as it passes `limit` bytes (`UPLOAD_MAX_BYTES`). */
export async function* limitedBody(body: ReadableStream<Uint8Array> | null, limit: number): AsyncGenerator<Uint8Array> {
  if (body === null) return;
  let size = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > limit) throw payloadTooLarge(limit);
      yield value;
    }
  } finally {
    // An abandoned body (parser error, limit) must not keep the socket reading.
    await reader.cancel().catch(() => {});
  }
}

/** The chunks unchanged, with a count of the bytes that have gone through so far. */
export function countingBytes(body: AsyncIterable<Uint8Array>): { chunks: AsyncIterable<Uint8Array>; bytes(): number } {
  let bytes = 0;
  async function* chunks() {
    for await (const chunk of body) {
      bytes += chunk.byteLength;
      yield chunk;
    }
  }
  return { chunks: chunks(), bytes: () => bytes };
}
