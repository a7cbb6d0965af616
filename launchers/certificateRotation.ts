import { WorkflowIdConflictPolicy, WorkflowNotFoundError } from '@temporalio/client';
import type { LaunchDeps } from './deps.js';
import {
  certificateRotation,
  rotateNowSignal,
  type CertificateRotationInput,
} from '../workflows/certificateRotation.js';
import { workflowId } from '../workflows/ids.js';
import { VrsCompany, VrsKind } from '../workflows/searchAttributes.js';
import { partnerSubjectById, runDescription } from './runDescription.js';

const DAY_MS = 86_400_000;
const rotationId = (partnerId: string) => workflowId('certificateRotation', partnerId);

async function rotationOptions(deps: LaunchDeps, partnerId: string, certificateId: string) {
  const { staticSummary, staticDetails, companyName } = runDescription(
    await partnerSubjectById(deps.db, partnerId),
    'certificateRotation',
    `our client certificate for the partner (from certificate ${certificateId}), renewed before it expires`,
  );
  return {
    workflowId: rotationId(partnerId),
    taskQueue: deps.taskQueueOf('certs'),
    args: [
      {
        certificateId,
        partnerId,
        renewBeforeMs: deps.config.CERT_RENEW_BEFORE_DAYS * DAY_MS,
        overlapMs: deps.config.CERT_OVERLAP_DAYS * DAY_MS,
      },
    ] as [CertificateRotationInput],
    staticSummary,
    staticDetails,
    typedSearchAttributes: [
      { key: VrsKind, value: 'certificateRotation' },
      { key: VrsCompany, value: partnerId },
      companyName,
    ],
  };
}

/** One rotation chain per partner connection; a newly activated certificate replaces the old chain. */
export async function launchCertificateRotation(
  deps: LaunchDeps,
  partnerId: string,
  certificateId: string,
): Promise<string> {
  const handle = await deps.temporal.workflow.start(certificateRotation, {
    ...(await rotationOptions(deps, partnerId, certificateId)),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.TERMINATE_EXISTING,
  });
  return handle.workflowId;
}

/**
 * rotateNow to the partner's running chain; when none runs (it ended, failed or was terminated),
 * a new chain starts for `certificateId` and rotates it at once.
 */
export async function signalRotateNow(deps: LaunchDeps, partnerId: string, certificateId: string): Promise<string> {
  const handle = await deps.temporal.workflow.signalWithStart(certificateRotation, {
    ...(await rotationOptions(deps, partnerId, certificateId)),
    signal: rotateNowSignal,
  });
  return handle.workflowId;
}

/** Ends the partner's rotation chain, if one runs: a certificate of another CA is not ours to renew. */
export async function stopCertificateRotation(deps: LaunchDeps, partnerId: string): Promise<void> {
  try {
    await deps.temporal.workflow
      .getHandle(rotationId(partnerId))
      .terminate('replaced by a certificate not issued by our CA');
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}
