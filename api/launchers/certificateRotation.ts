import { WorkflowIdConflictPolicy } from '@temporalio/client';
import type { ApiDeps } from '../deps.js';
import { certificateRotation, rotateNowSignal } from '../../workflows/certificateRotation.js';
import { workflowId } from '../../workflows/ids.js';
import { VrsCompany, VrsKind } from '../../workflows/searchAttributes.js';

const DAY_MS = 86_400_000;
const rotationId = (partnerId: string) => workflowId('certificateRotation', partnerId);

/** One rotation chain per partner connection; a newly activated certificate replaces the old chain. */
export async function launchCertificateRotation(deps: ApiDeps, partnerId: string, certificateId: string): Promise<string> {
  const handle = await deps.temporal.workflow.start(certificateRotation, {
    workflowId: rotationId(partnerId),
    taskQueue: deps.taskQueueOf('certs'),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.TERMINATE_EXISTING,
    args: [{ certificateId, partnerId, renewBeforeMs: deps.config.CERT_RENEW_BEFORE_DAYS * DAY_MS, overlapMs: deps.config.CERT_OVERLAP_DAYS * DAY_MS }],
    typedSearchAttributes: [
      { key: VrsKind, value: 'certificateRotation' },
      { key: VrsCompany, value: partnerId },
    ],
  });
  return handle.workflowId;
}

export async function signalRotateNow(deps: ApiDeps, partnerId: string): Promise<string> {
  const handle = deps.temporal.workflow.getHandle(rotationId(partnerId));
  await handle.signal(rotateNowSignal);
  return handle.workflowId;
}
