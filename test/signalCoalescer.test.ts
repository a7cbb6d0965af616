import { describe, expect, test } from 'vitest';
import { SignalCoalescer } from '../api/serials/signalCoalescer.js';
import type { SeqRange } from '../domain/serials/seqRanges.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('SignalCoalescer', () => {
  test('one signal in flight per company; ranges that wait ride together; callers wait for their own', async () => {
    const sent: [string, SeqRange[]][] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const coalescer = new SignalCoalescer((company, ranges) => {
      sent.push([company, ranges]);
      const gate = deferred();
      gates.push(gate);
      return gate.promise;
    });
    let done = 0;
    const first = coalescer.signal('a', [{ from: 1, to: 1 }]).then(() => done++);
    const second = coalescer.signal('a', [{ from: 2, to: 2 }]).then(() => done++);
    const third = coalescer.signal('a', [{ from: 5, to: 6 }]).then(() => done++);
    const other = coalescer.signal('b', [{ from: 3, to: 3 }]);
    expect(sent).toEqual([['a', [{ from: 1, to: 1 }]], ['b', [{ from: 3, to: 3 }]]]);
    gates[0]!.resolve();
    await first;
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toBe(1);
    expect(sent[2]).toEqual(['a', [{ from: 2, to: 2 }, { from: 5, to: 6 }]]);
    gates[2]!.resolve();
    await Promise.all([second, third]);
    expect(done).toBe(3);
    gates[1]!.resolve();
    await other;
  });

  test('a failed signal fails its callers, and the next ones still go', async () => {
    let fail = true;
    const coalescer = new SignalCoalescer(async () => {
      if (fail) throw new Error('temporal down');
    });
    await expect(coalescer.signal('a', [{ from: 1, to: 1 }])).rejects.toThrow('temporal down');
    fail = false;
    await expect(coalescer.signal('a', [{ from: 2, to: 2 }])).resolves.toBeUndefined();
  });
});
