import { err, ok, type Result } from '../domain/result.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const OFFSET = /^(Z|[+-]\d{2}:\d{2})$/;

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

/**
 * An ISO 8601 date-time as a UTC instant (`toISOString`, millisecond precision), so event
 * times from senders in different offsets compare correctly. A time without its own offset
 * takes `fallbackOffset` (EPCIS `eventTimeZoneOffset`); with neither it is refused, since
 * "local time" of an unknown place orders nothing. Checked by hand rather than Date.parse,
 * which accepts impossible dates such as February 30.
 */
export function parseInstant(s: string, fallbackOffset?: string): Result<string, string> {
  const m = ISO.exec(s.trim());
  if (m === null) return err(`"${s}" is not an ISO 8601 date-time (YYYY-MM-DDThh:mm:ss±hh:mm)`);
  const [, y, mo, d, h, mi, sec, frac, own] = m;
  const offset = own ?? fallbackOffset?.trim();
  if (offset === undefined || !OFFSET.test(offset)) {
    return err(
      `"${s}" has no time zone offset${fallbackOffset === undefined ? '' : ` and "${fallbackOffset}" is not one`}`,
    );
  }
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, sec].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Math.floor(Number(frac ?? 0) * 1000);
  const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(local);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return err(`"${s}" is not a real date and time`);
  }
  return ok(new Date(local - offsetMinutes(offset) * 60_000).toISOString());
}
