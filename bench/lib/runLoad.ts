import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Every request answered, warm-up included (as the CPU time read around the run is). */
  total: number;
  /** p99 of each second of the run, ms. */
  p99PerSecond: number[];
}

const loadScript = fileURLToPath(new URL('./load.ts', import.meta.url));

/** What the load process (load.ts) is given. */
export interface LoadRun {
  url: string;
  paths: string[];
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  /** Requests per second over all connections; unset, as fast as the server answers. */
  rate?: number;
  tlsOptions?: { cert: string; key: string };
  /**
   * Seconds run before the measured `seconds` and left out of its figures: the load process's
   * start-up and its connections' opening (TCP, TLS), which a running client has behind it.
   */
  warmupSeconds?: number;
}

/** autocannon against `url` from a separate process (one node, no tsx wrapper), so client and server do not share a thread. */
export async function runLoad(options: LoadRun): Promise<LoadResult> {
  // Thousands of paths exceed an argument's size limit: hand them over in a file.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vrs-load-'));
  const file = path.join(dir, 'options.json');
  writeFileSync(file, JSON.stringify({ headers: {}, ...options }));
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', loadScript, file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as LoadResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
