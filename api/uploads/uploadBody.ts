import { Problem } from '../problem.js';

/** GDSN files reach about 100 MB; anything larger is refused while it streams, never buffered. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export const payloadTooLarge = (limit: number) => new Problem(413, 'Payload Too Large', `the upload is larger than ${limit} bytes; split it`);

/** The request body chunk by chunk, failing with 413 as soon as it passes `limit` bytes. */
export async function* limitedBody(body: ReadableStream<Uint8Array> | null, limit = MAX_UPLOAD_BYTES): AsyncGenerator<Uint8Array> {
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
