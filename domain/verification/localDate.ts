/** Where "today" is judged when a producer has not set its own time zone (verification-api.md). */
export const DEFAULT_PRODUCER_TIME_ZONE = 'America/New_York';

interface ZoneCache {
  readonly format: Intl.DateTimeFormat;
  /** The whole UTC second of the last answer, and that answer. */
  second: number;
  date: string;
}

// Building a DateTimeFormat costs far more than using one, so each zone gets one for the life
// of the process. Formatting itself still costs microseconds, so the last answer per zone is
// kept for the rest of its UTC second: tz offsets and transitions are whole seconds, so the
// local date cannot change inside one, and at any real request rate most calls land there.
const zones = new Map<string, ZoneCache>();

function zoneCache(timeZone: string): ZoneCache {
  let cache = zones.get(timeZone);
  if (cache === undefined) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    cache = { format, second: Number.NaN, date: '' };
    zones.set(timeZone, cache);
  }
  return cache;
}

/**
 * The calendar date (YYYY-MM-DD) at `now` in the IANA `timeZone`, DST included.
 * Throws RangeError for an unknown zone or an invalid Date: both are programming or
 * configuration errors (validate zones when producers save them), not request errors.
 */
export function localDate(now: Date, timeZone: string): string {
  const ms = now.getTime();
  const second = Math.floor(ms / 1000);
  const cache = zoneCache(timeZone);
  if (cache.second === second) return cache.date;

  // formatToParts, not format(): the parts' types are specified, a locale's pattern is not.
  let year = '';
  let month = '';
  let day = '';
  for (const part of cache.format.formatToParts(ms)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  const date = `${year.padStart(4, '0')}-${month}-${day}`;
  cache.second = second;
  cache.date = date;
  return date;
}
