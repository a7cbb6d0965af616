const DAY_MS = 86_400_000;

export const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const parseDay = (s: string | undefined) =>
  s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`))
    ? new Date(`${s}T00:00:00Z`)
    : undefined;

/**
 * A range of whole UTC days from a page's query (`from`, `to` inclusive), clamped to `maxDays`
 * ending at `to`; bad input falls back to the last `defaultDays` and the error says what was changed.
 */
export function dayRange(
  now: Date,
  fromText: string | undefined,
  toText: string | undefined,
  limits: { defaultDays: number; maxDays: number },
) {
  const today = new Date(`${dayOf(now)}T00:00:00Z`);
  let to = parseDay(toText) ?? today;
  let from = parseDay(fromText) ?? new Date(to.getTime() - (limits.defaultDays - 1) * DAY_MS);
  let error: string | undefined;
  if ((fromText && !parseDay(fromText)) || (toText && !parseDay(toText)))
    error = `Dates are days as YYYY-MM-DD; the last ${limits.defaultDays} days are shown.`;
  if (from > to) {
    [from, to] = [to, from];
    error = 'From was after to: the two were swapped.';
  }
  if ((to.getTime() - from.getTime()) / DAY_MS + 1 > limits.maxDays) {
    from = new Date(to.getTime() - (limits.maxDays - 1) * DAY_MS);
    error = `At most ${limits.maxDays} days at a time: the range now starts ${dayOf(from)}.`;
  }
  return { from, toExclusive: new Date(to.getTime() + DAY_MS), error };
}
