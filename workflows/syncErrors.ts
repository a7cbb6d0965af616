import { defineQuery } from '@temporalio/workflow';
import { keepFirstErrors, type SyncError } from '../domain/syncs/syncError.js';

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
