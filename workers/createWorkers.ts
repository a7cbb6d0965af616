import { Worker, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import { TASK_QUEUES, type QueueName } from '../workflows/ids.js';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  bundle: WorkflowBundleOption;
  deps: ActivityDeps;
  queues: QueueName[];
  /** Tests give each file its own queue names. */
  taskQueueOf?: (queue: QueueName) => string;
  /** On shutdown, running activities get half of this to finish before they are cancelled; past all of it the worker stops regardless. */
  shutdownGraceMs?: number;
}

/** One Worker per task queue, sharing the bundle, the connection and the database pool. */
export async function createWorkers(options: WorkerOptions): Promise<Worker[]> {
  const activities = createActivities(options.deps);
  const taskQueueOf = options.taskQueueOf ?? ((q: QueueName) => TASK_QUEUES[q]);
  return Promise.all(
    options.queues.map((queue) =>
      Worker.create({
        connection: options.connection,
        namespace: options.namespace,
        taskQueue: taskQueueOf(queue),
        workflowBundle: options.bundle,
        activities,
        // Activities mostly wait on PostgreSQL; more than the pool size would only queue there.
        maxConcurrentActivityTaskExecutions: 20,
        // A cancelled activity's attempt fails and is retried on another worker from what it committed.
        ...(options.shutdownGraceMs !== undefined && {
          shutdownGraceTime: options.shutdownGraceMs / 2,
          shutdownForceTime: options.shutdownGraceMs,
        }),
      }),
    ),
  );
}
