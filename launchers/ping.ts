import { randomUUID } from 'node:crypto';
import type { LaunchDeps } from './deps.js';
import { ping, type PingResult } from '../workflows/ping.js';
import { workflowId } from '../workflows/ids.js';

export async function runPing(deps: LaunchDeps, message: string): Promise<{ workflowId: string } & PingResult> {
  const id = workflowId('ping', 'operator', randomUUID());
  const result = await deps.temporal.workflow.execute(ping, {
    workflowId: id,
    taskQueue: deps.taskQueueOf('sync'),
    args: [message],
    workflowExecutionTimeout: '30s',
  });
  return { workflowId: id, ...result };
}
