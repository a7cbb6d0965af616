import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

// In a process of its own: a niceness once raised cannot be lowered again without privileges.
const script = `
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { lowerCpuPriority } from './workers/cpuPriority.ts';
lowerCpuPriority(7);
const worker = new Worker('setTimeout(() => {}, 1000)', { eval: true });
worker.on('online', () => {
  const threads = readdirSync('/proc/self/task').map((id) => os.getPriority(Number(id)));
  console.log(JSON.stringify(threads));
  process.exit(0);
});
`;

describe.runIf(process.platform === 'linux')('a worker process lowers its CPU priority', () => {
  test('every thread, those running at the call and those started after it', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      script,
    ]);
    const threads = JSON.parse(stdout) as number[];
    expect(threads.length).toBeGreaterThan(1);
    expect(new Set(threads)).toEqual(new Set([7]));
  });
});
