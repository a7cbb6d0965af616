import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * The items unchanged, but after every `sliceMs` of work the loop waits one event-loop turn.
 * A body that is already buffered is otherwise parsed and validated in promise continuations
 * alone, which never let the API answer anything else until the buffer is empty.
 */
export async function* givingWay<T>(items: AsyncIterable<T>, sliceMs = 10): AsyncGenerator<T> {
  let sliceStart = performance.now();
  for await (const item of items) {
    yield item;
    if (performance.now() - sliceStart > sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
