import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { countingBytes } from './uploadBody.js';

export interface SpooledBody {
  bytes: number;
  read(): AsyncIterable<Uint8Array>;
  remove(): Promise<void>;
}

/**
 * The whole request body in a temporary file, so the request can answer while a background
 * parse reads it at its own pace. A body that fails (the size limit) leaves no file behind.
 */
export async function spoolBody(body: AsyncIterable<Uint8Array>): Promise<SpooledBody> {
  const dir = await mkdtemp(join(tmpdir(), 'vrs-upload-'));
  const path = join(dir, 'body');
  const remove = () => rm(dir, { recursive: true, force: true });
  const counted = countingBytes(body);
  try {
    await pipeline(Readable.from(counted.chunks), createWriteStream(path));
  } catch (error) {
    await remove();
    throw error;
  }
  return { bytes: counted.bytes(), read: () => createReadStream(path), remove };
}
