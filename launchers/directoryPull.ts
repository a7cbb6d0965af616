import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsStartWorkflowAction,
} from '@temporalio/client';
import type { Partner } from '../db/repositories/partners.js';
import type { LaunchDeps } from './deps.js';
import { directoryPull } from '../workflows/directoryPull.js';
import { workflowId } from '../workflows/ids.js';
import { VrsCompany, VrsKind } from '../workflows/searchAttributes.js';
import { partnerSubject, runDescription } from './runDescription.js';

/** Where the schedules start their pulls; the API and the worker both keep them. */
export interface PullScheduling {
  client: Client;
  /** The `routing` task queue. */
  taskQueue: string;
  /** DIRECTORY_PULL_INTERVAL_MIN: for partners without an interval of their own. */
  defaultIntervalMinutes: number;
}

/** The API's scheduling: its Temporal client and this installation's (or test file's) routing queue. */
export const pullSchedulingOf = (deps: Pick<LaunchDeps, 'temporal' | 'taskQueueOf' | 'config'>): PullScheduling => ({
  client: deps.temporal,
  taskQueue: deps.taskQueueOf('routing'),
  defaultIntervalMinutes: deps.config.DIRECTORY_PULL_INTERVAL_MIN,
});

/** The schedule and the workflows it starts share the id `directoryPull:{partnerId}` (Temporal appends the start time to each run). */
export const directoryPullScheduleId = (partnerId: string) => workflowId('directoryPull', partnerId);

type PulledPartner = Pick<Partner, 'id' | 'name' | 'gln' | 'pullDirectory' | 'pullIntervalMinutes'>;

const actionFor = (
  s: PullScheduling,
  partner: PulledPartner,
): ScheduleOptionsStartWorkflowAction<typeof directoryPull> => {
  const { staticSummary, staticDetails, companyName } = runDescription(
    partnerSubject(partner),
    'directoryPull',
    "the partner's Lookup Directory, copied into ours page by page",
  );
  return {
    type: 'startWorkflow',
    workflowType: directoryPull,
    workflowId: directoryPullScheduleId(partner.id),
    taskQueue: s.taskQueue,
    args: [{ partnerId: partner.id }],
    staticSummary,
    staticDetails,
    typedSearchAttributes: [
      { key: VrsCompany, value: partner.id },
      companyName,
      { key: VrsKind, value: 'directoryPull' },
    ],
  };
};

/**
 * Creates or updates the partner's pull schedule (every `pullIntervalMinutes`, overlapping
 * runs skipped), or deletes it when pulls are off. Safe to repeat: an update keeps the pause
 * an operator set in the Temporal UI.
 */
export async function ensureDirectoryPullSchedule(s: PullScheduling, partner: PulledPartner): Promise<void> {
  const scheduleId = directoryPullScheduleId(partner.id);
  const handle = s.client.schedule.getHandle(scheduleId);
  if (!partner.pullDirectory) {
    await handle.delete().catch((error: unknown) => {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    });
    return;
  }
  const spec = { intervals: [{ every: `${partner.pullIntervalMinutes ?? s.defaultIntervalMinutes}m` as const }] };
  const action = actionFor(s, partner);
  // A pull missed while the server was down is taken once when it is back, not once per interval.
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1m' as const };
  try {
    await s.client.schedule.create({ scheduleId, spec, action, policies });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await handle.update((previous) => ({ ...previous, spec, action, policies: { ...previous.policies, ...policies } }));
  }
}

/** Starts a pull now through the partner's schedule (skipped if one is running); the schedule is made first if missing. */
export async function triggerDirectoryPull(s: PullScheduling, partner: PulledPartner): Promise<string> {
  const handle = s.client.schedule.getHandle(directoryPullScheduleId(partner.id));
  try {
    await handle.trigger(ScheduleOverlapPolicy.SKIP);
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
    await ensureDirectoryPullSchedule(s, partner);
    await handle.trigger(ScheduleOverlapPolicy.SKIP);
  }
  return handle.scheduleId;
}

/** At worker start: every partner's schedule as its settings say (partners made before schedules existed included). */
export async function ensureAllDirectoryPullSchedules(s: PullScheduling, partners: readonly Partner[]): Promise<void> {
  for (const partner of partners) await ensureDirectoryPullSchedule(s, partner);
}
