/**
 * Task queue names and workflow ids, in one place. Bump QUEUE_VERSION on a breaking change
 * to workflow code so old and new workers never share a queue.
 */
const QUEUE_VERSION = 1;

export const TASK_QUEUES = {
  sync: `vrs-sync-v${QUEUE_VERSION}`,
  routing: `vrs-routing-v${QUEUE_VERSION}`,
  certs: `vrs-certs-v${QUEUE_VERSION}`,
} as const;

export type QueueName = keyof typeof TASK_QUEUES;

export type WorkflowKind =
  | 'masterDataSync'
  | 'serialBackfill'
  | 'serialUpdates'
  | 'directoryPull'
  | 'certificateRotation'
  | 'historyExport'
  | 'ping';

/** `{kind}:{companyId}[:{scope}]`: deterministic, so a double click cannot start two. */
export const workflowId = (kind: WorkflowKind, owner: string, scope?: string): string =>
  scope === undefined ? `${kind}:${owner}` : `${kind}:${owner}:${scope}`;
