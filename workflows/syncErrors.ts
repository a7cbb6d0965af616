import { ActivityFailure, ApplicationFailure, defineQuery, TemporalFailure, workflowInfo } from '@temporalio/workflow';
import { keepFirstErrors, type SyncError } from '../domain/syncs/syncError.js';
import { VrsCompany, VrsCompanyName } from './searchAttributes.js';

/** The first errors of a running sync, for `GET /v1/syncs/{workflowId}` while it runs. */
export const syncErrorsQuery = defineQuery<SyncError[]>('errors');

/** Collects at most MAX_SYNC_ERRORS errors; carried across continue-as-new. */
export class SyncErrorLog {
  private kept: SyncError[];

  constructor(initial: readonly SyncError[] = []) {
    this.kept = [...initial];
  }

  add(errors: readonly SyncError[]): void {
    if (errors.length > 0) this.kept = keepFirstErrors(this.kept, errors);
  }

  list(): SyncError[] {
    return [...this.kept];
  }
}

const TITLES = { masterDataSync: 'Master-data sync', serialBackfill: 'Serial backfill' } as const;

/** The deepest cause: the activity's own error, not the wrappers Temporal and parent runs add. */
function rootCause(error: unknown): { message: string; type: string | undefined; activity: string | undefined } {
  let activity: string | undefined;
  let current: unknown = error;
  while (current instanceof TemporalFailure && current.cause) {
    if (current instanceof ActivityFailure) activity = current.activityType;
    current = current.cause;
  }
  const type = current instanceof ApplicationFailure ? (current.type ?? undefined) : undefined;
  return { message: current instanceof Error ? current.message : String(current), type, activity };
}

/**
 * The failure a sync ends with, worded for the operator reading the Temporal UI: what failed, for
 * which company, why, and what to do. Its type (`MasterDataSyncFailed`, `SerialBackfillFailed`)
 * and details (company, the cause's type and activity) are what tools filter on; the original
 * error stays attached as its cause.
 */
export function syncFailure(kind: keyof typeof TITLES, error: unknown): ApplicationFailure {
  const attributes = workflowInfo().typedSearchAttributes;
  const companyId = attributes.get(VrsCompany);
  const companyName = attributes.get(VrsCompanyName) ?? companyId ?? 'unknown company';
  const cause = rootCause(error);
  const retry =
    kind === 'serialBackfill'
      ? 'the live serials were left as they were; start the backfill again once the cause is fixed'
      : 'pages already applied stay applied; start the sync again once the cause is fixed';
  return ApplicationFailure.create({
    type: kind === 'serialBackfill' ? 'SerialBackfillFailed' : 'MasterDataSyncFailed',
    message: `${TITLES[kind]} for ${companyName} failed: ${cause.message} (${retry})`,
    details: [
      { companyId: companyId ?? null, companyName, causeType: cause.type ?? null, activity: cause.activity ?? null },
    ],
    nonRetryable: true,
    cause: error instanceof Error ? error : undefined,
  });
}
