/** A calendar date without a time (YYYY-MM-DD), read as a whole UTC day. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export const isDateOnly = (value: string) => DATE_ONLY.test(value);

/**
 * The [from, to) of a history request. A date-only `from` starts at that day's UTC midnight; a
 * date-only `to` includes its whole day (people write the last day they want, not the day after);
 * no `to` after a date-only `from` means that one day. Undefined `to` otherwise is the caller's error.
 */
export function historyRange(from: string, to: string | undefined): { from: Date; to: Date | undefined } {
  const start = new Date(isDateOnly(from) ? `${from}T00:00:00Z` : from);
  if (to === undefined) return { from: start, to: isDateOnly(from) ? new Date(start.getTime() + DAY_MS) : undefined };
  const end = isDateOnly(to) ? new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS) : new Date(to);
  return { from: start, to: end };
}
