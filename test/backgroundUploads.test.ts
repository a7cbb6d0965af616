import { describe, expect, test } from 'vitest';
import { BackgroundUploads } from '../api/uploads/backgroundUploads.js';

/** A parse that ends when the test says so. */
function parse() {
  let end!: (failed?: boolean) => void;
  const promise = new Promise<void>(
    (resolve, reject) => (end = (failed) => (failed ? reject(new Error('x')) : resolve())),
  );
  return { promise, end };
}

describe('a shutdown lets background uploads finish within its grace', () => {
  test('settle waits for every parse, failed ones included, and answers none left', async () => {
    const uploads = new BackgroundUploads();
    const [a, b] = [parse(), parse()];
    uploads.add(a.promise);
    uploads.add(b.promise);
    expect(uploads.count).toBe(2);
    const settled = uploads.settle(Date.now() + 60_000);
    a.end();
    b.end(true);
    expect(await settled).toBe(0);
    expect(uploads.count).toBe(0);
  });

  test('at the deadline, settle answers how many are still running and leaves them', async () => {
    const uploads = new BackgroundUploads();
    const stuck = parse();
    uploads.add(stuck.promise);
    uploads.add(Promise.resolve());
    expect(await uploads.settle(Date.now() - 1)).toBe(1);
    stuck.end();
    expect(await uploads.settle(Date.now() + 60_000)).toBe(0);
  });
});
