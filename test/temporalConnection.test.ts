import { Client } from '@temporalio/client';
import { afterEach, describe, expect, test } from 'vitest';
import { connectTemporal } from '../launchers/temporalConnection.js';
import { freePort } from '../scripts/lib/freePort.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('closing the Temporal client connection', () => {
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  afterEach(() => {
    process.off('uncaughtException', onUncaught);
  });

  test('with a retry pending: the call fails, and no retry timer fires on the closed channel', async () => {
    process.on('uncaughtException', onUncaught);
    // Nothing listens there: each attempt is refused (UNAVAILABLE) and retried from a timer.
    const connection = await connectTemporal(`127.0.0.1:${await freePort()}`);
    const call = new Client({ connection }).workflow.getHandle('nobody').describe();
    const settled = call.then(
      () => 'answered',
      () => 'failed',
    );
    await pause(50);
    await connection.close();
    // Before the fix the call never settled: its retry threw from the timer instead.
    expect(await Promise.race([settled, pause(10_000).then(() => 'still waiting')])).toBe('failed');
    await pause(1_000); // past any retry the SDK could still have set
    expect(uncaught).toEqual([]);
  });
});
