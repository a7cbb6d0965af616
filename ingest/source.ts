/**
 * What every parser accepts: a whole string (tests, small bodies) or a stream of bytes such
 * as a Node `Readable` or a fetch body. Parsers never see a file path or a socket.
 */
export type ByteSource = string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * The source as text chunks. A streaming TextDecoder keeps a UTF-8 sequence that is split
 * across two chunks intact; `fatal` turns invalid UTF-8 into an error instead of U+FFFD, so
 * a mis-declared Latin-1 file fails loudly rather than storing garbled names.
 */
export async function* textChunks(source: ByteSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield* pieces(source);
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const chunks = source instanceof Uint8Array ? [source] : source;
  // Lines before the current chunk, to say where a byte that is not UTF-8 stands.
  let lines = 1;
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    } catch {
      throw new NotUtf8Error(lines + lineOfFirstBadByte(chunk as Uint8Array) - 1);
    }
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    yield* pieces(text);
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw new NotUtf8Error(lines);
  }
  if (rest !== '') yield rest;
}

/**
 * The line (1-based, within the chunk) of the first byte a UTF-8 decoder could not read; 1 when
 * the chunk reads well alone (the bad sequence began at the end of the previous chunk).
 */
function lineOfFirstBadByte(chunk: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(chunk);
  const bad = text.indexOf('\uFFFD');
  return bad === -1 ? 1 : text.slice(0, bad).split('\n').length;
}

/** The bytes are not UTF-8: usually a spreadsheet saved in its own encoding (Windows-1252, Latin-1). */
export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(
      `line ${line} is not UTF-8 (the file was saved in another encoding, such as Windows-1252); save it as UTF-8 (in Excel: "CSV UTF-8 (Comma delimited)") and upload it again`,
    );
    this.name = 'NotUtf8Error';
  }
}

/**
 * Parsers work a chunk at a time without yielding in between, so no chunk may be large: a
 * body sent as one string (or one huge buffer) is cut, never inside a surrogate pair.
 */
export const MAX_TEXT_CHUNK = 16 * 1024;

function* pieces(text: string): Generator<string> {
  if (text.length <= MAX_TEXT_CHUNK) {
    if (text !== '') yield text;
    return;
  }
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + MAX_TEXT_CHUNK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    yield text.slice(start, end);
    start = end;
  }
}

export class InputTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`input is larger than ${limitBytes} bytes; split it or use a streaming format (CSV, XML)`);
    this.name = 'InputTooLargeError';
  }
}

/** The whole source as one string, refusing more than `limitBytes` (counted as UTF-16 code units of text, close enough for a guard). */
export async function readText(source: ByteSource, limitBytes: number): Promise<string> {
  const parts: string[] = [];
  let size = 0;
  for await (const text of textChunks(source)) {
    size += text.length;
    if (size > limitBytes) throw new InputTooLargeError(limitBytes);
    parts.push(text);
  }
  return parts.join('');
}
