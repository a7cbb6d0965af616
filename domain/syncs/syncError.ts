/** One reported problem of a sync (api.md "Sync status"); serial syncs also name the serial. */
export interface SyncError {
  gtin: string;
  serial?: string;
  reason: string;
}

/** Only the first errors are kept (counts stay exact), so a sync of bad data cannot bloat its record or history. */
export const MAX_SYNC_ERRORS = 1000;

/** `kept` plus as many of `more` as still fit under the cap, in order. */
export function keepFirstErrors(kept: readonly SyncError[], more: readonly SyncError[]): SyncError[] {
  const room = MAX_SYNC_ERRORS - kept.length;
  return room > 0 ? [...kept, ...more.slice(0, room)] : [...kept];
}
