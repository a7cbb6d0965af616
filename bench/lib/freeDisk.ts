import { statfs } from 'node:fs/promises';
import os from 'node:os';

/**
 * Bytes free where the embedded PostgreSQL keeps its data (the temp dir). A shared DATABASE_URL
 * server keeps its data elsewhere: Infinity, it is not checked.
 */
export async function freeDiskBytes(): Promise<number> {
  if (process.env.DATABASE_URL) return Infinity;
  const { bavail, bsize } = await statfs(os.tmpdir());
  return bavail * bsize;
}
