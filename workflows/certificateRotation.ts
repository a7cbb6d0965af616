import {
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { createCertificateActivities } from '../activities/certificates.js';
import {
  checkRotationWindow,
  DEFAULT_OVERLAP_MS,
  DEFAULT_RENEW_BEFORE_MS,
  msUntil,
  overlapEndsAt,
  renewAt,
} from '../domain/certificates/renewal.js';

// --- Types

export interface CertificateRotationInput {
  /** The partner connection's active certificate; after each rotation, its successor. */
  certificateId: string;
  partnerId: string;
  /** Default 30 days: plenty of time for an operator to fix a failed rotation. */
  renewBeforeMs?: number;
  /** Default 7 days: how long the old certificate stays usable beside the new one. */
  overlapMs?: number;
  /** Rotations done by earlier runs (continue-as-new), for the status query. */
  rotations?: number;
}

export type RotationPhase = 'starting' | 'waiting' | 'issuing' | 'activating' | 'overlapping' | 'retiring' | 'done';

export interface RotationStatus {
  certificateId: string;
  partnerId: string;
  phase: RotationPhase;
  renewAt: string | null;
  successorId: string | null;
  retireAt: string | null;
  rotations: number;
}

// --- Signals and queries

export const rotateNowSignal = defineSignal('rotateNow');
export const statusQuery = defineQuery<RotationStatus>('status');

// --- Activities

// Bounded retries: after ~30 minutes of backoff the workflow fails visibly (alerting), while
// the old certificate stays active because it is only retired after the successor is active.
const { readCertificate, issueSuccessor, activateCertificate, retireCertificate } = proxyActivities<
  ReturnType<typeof createCertificateActivities>
>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '10m', maximumAttempts: 10 },
});

// --- Workflow

const nowIso = () => new Date().toISOString();

/**
 * Renews one partner connection's client certificate before it expires (or at once on
 * `rotateNow`): issue a successor, activate it, keep both for the overlap, retire the old one,
 * then continue as new with the successor so history stays small.
 */
export async function certificateRotation(input: CertificateRotationInput): Promise<void> {
  const renewBeforeMs = input.renewBeforeMs ?? DEFAULT_RENEW_BEFORE_MS;
  const overlapMs = input.overlapMs ?? DEFAULT_OVERLAP_MS;
  const status: RotationStatus = {
    certificateId: input.certificateId,
    partnerId: input.partnerId,
    phase: 'starting',
    renewAt: null,
    successorId: null,
    retireAt: null,
    rotations: input.rotations ?? 0,
  };
  // A rotateNow that arrives while a rotation is under way is satisfied by that rotation.
  let rotateRequested = false;
  setHandler(rotateNowSignal, () => void (rotateRequested = true));
  setHandler(statusQuery, () => ({ ...status }));

  const problem = checkRotationWindow(renewBeforeMs, overlapMs);
  if (problem) throw ApplicationFailure.nonRetryable(problem, 'InvalidRotationWindow');

  const current = await readCertificate(input.certificateId);
  if (!current || current.status === 'retired') {
    status.phase = 'done'; // retired or removed by an operator: nothing left to rotate
    return;
  }

  const due = renewAt(new Date(current.notAfter), renewBeforeMs);
  status.renewAt = due.toISOString();
  status.phase = 'waiting';
  const wait = msUntil(due, new Date());
  if (wait > 0) await condition(() => rotateRequested, wait);

  status.phase = 'issuing';
  const successorId = await issueSuccessor({ certificateId: current.id, at: nowIso() });
  status.successorId = successorId;
  status.phase = 'activating';
  await activateCertificate({ certificateId: successorId, at: nowIso() });

  status.phase = 'overlapping';
  status.retireAt = overlapEndsAt(new Date(), overlapMs).toISOString();
  if (overlapMs > 0) await sleep(overlapMs);
  status.phase = 'retiring';
  await retireCertificate({ certificateId: current.id, at: nowIso() });

  await continueAsNew<typeof certificateRotation>({
    ...input,
    certificateId: successorId,
    rotations: status.rotations + 1,
  });
}
