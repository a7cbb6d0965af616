import { Client } from '@temporalio/client';
import { NativeConnection, type Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { inject } from 'vitest';
import type { ActivityDeps } from '../../activities/index.js';
import { loadWorkflowBundle } from '../../workers/bundle.js';
import { createWorkers } from '../../workers/createWorkers.js';
import { installQuietRuntime } from '../../workers/runtime.js';
import type { QueueName } from '../../workflows/ids.js';
import { connectTemporal } from '../../launchers/temporalConnection.js';

export interface TestTemporal {
  client: Client;
  connection: NativeConnection;
  /** Task queue names unique to this test file, so files never steal each other's tasks. */
  taskQueueOf: (queue: QueueName) => string;
  workers(deps: ActivityDeps, queues?: QueueName[]): Promise<Worker[]>;
  close(): Promise<void>;
}

let bundle: Promise<WorkflowBundleOption> | undefined;

/** Connects to the run's Temporal dev server; the workflow bundle is built once per file. */
export async function connectTestTemporal(fileTag: string): Promise<TestTemporal> {
  installQuietRuntime();
  const address = inject('temporalAddress');
  const clientConnection = await connectTemporal(address, { lazy: false });
  const connection = await NativeConnection.connect({ address });
  const client = new Client({ connection: clientConnection, namespace: 'default' });
  const suffix = `${fileTag}-${Math.random().toString(36).slice(2, 8)}`;
  const taskQueueOf = (queue: QueueName) => `test-${queue}-${suffix}`;
  return {
    client,
    connection,
    taskQueueOf,
    async workers(deps, queues = ['sync', 'routing', 'certs']) {
      bundle ??= loadWorkflowBundle();
      return createWorkers({ connection, namespace: 'default', bundle: await bundle, deps, queues, taskQueueOf });
    },
    async close() {
      await clientConnection.close();
      await connection.close();
    },
  };
}

/** Runs the workers while `fn` runs, then shuts them down cleanly. */
export async function withWorkers<T>(workers: Worker[], fn: () => Promise<T>): Promise<T> {
  const [first, ...rest] = workers;
  if (!first) return fn();
  return first.runUntil(rest.length ? () => withWorkers(rest, fn) : fn);
}
