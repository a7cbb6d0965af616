import { describe, expect, test } from 'vitest';
import { WakeCoalescer } from '../launchers/wakeCoalescer.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('WakeCoalescer', () => {
  test('one wake-up in flight per key; those who ask meanwhile share the next, sent after it', async () => {
    const sent: string[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const coalescer = new WakeCoalescer((key) => {
      sent.push(key);
      const gate = deferred();
      gates.push(gate);
      return gate.promise;
    });
    let done = 0;
    const first = coalescer.request('a').then(() => done++);
    const second = coalescer.request('a').then(() => done++);
    const third = coalescer.request('a').then(() => done++);
    const other = coalescer.request('b');
    expect(sent).toEqual(['a', 'b']);
    gates[0]!.resolve();
    await first;
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toBe(1);
    expect(sent).toEqual(['a', 'b', 'a']);
    gates[2]!.resolve();
    await Promise.all([second, third]);
    expect(done).toBe(3);
    gates[1]!.resolve();
    await other;
  });

  test('a failed wake-up fails its callers, and the next ones still go', async () => {
    let fail = true;
    const coalescer = new WakeCoalescer(async () => {
      if (fail) throw new Error('temporal down');
    });
    await expect(coalescer.request('a')).rejects.toThrow('temporal down');
    fail = false;
    await expect(coalescer.request('a')).resolves.toBeUndefined();
  });
});
