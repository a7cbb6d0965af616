import { describe, expect, it } from 'vitest';
import { givingWay } from './givingWay.js';

async function* buffered(items: readonly number[]) {
  yield* items;
}

describe('givingWay', () => {
  it('without it, items already buffered are consumed before any other callback runs', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('turn'));
    for await (const i of buffered([1, 2, 3])) seen.push(`item ${i}`);
    expect(seen).toEqual(['item 1', 'item 2', 'item 3']);
    await new Promise((resolve) => setImmediate(resolve));
  });

  it('lets the event loop run once its slice of work is used up', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('turn'));
    // A slice of -1 ms is always used up: a turn after every item.
    for await (const i of givingWay(buffered([1, 2, 3]), -1)) seen.push(`item ${i}`);
    expect(seen).toEqual(['item 1', 'turn', 'item 2', 'item 3']);
  });

  it('passes every item on unchanged and waits no turn inside a slice', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('turn'));
    for await (const i of givingWay(buffered([1, 2, 3]), 60_000)) seen.push(`item ${i}`);
    expect(seen).toEqual(['item 1', 'item 2', 'item 3']);
    await new Promise((resolve) => setImmediate(resolve));
  });
});
