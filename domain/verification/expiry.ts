/**
 * Expiry comparisons. All dates here are resolved ISO dates (YYYY-MM-DD, day 00 already turned
 * into the month end), so 260300 and 260331 are the same day and plain string order is date
 * order.
 */

/** Does the requested expiry name the recorded one? With `checkDay` false, year and month only. */
export function sameExpiry(requested: string, recorded: string, checkDay: boolean): boolean {
  if (checkDay) return requested === recorded;
  // "YYYY-MM" is the first 7 characters; compared in place rather than slicing per request.
  // A malformed (short) date yields NaN, which never equals, so it never matches.
  for (let i = 0; i < 7; i++) {
    if (requested.charCodeAt(i) !== recorded.charCodeAt(i)) return false;
  }
  return true;
}

/** A pack stays good through its whole expiry day: expired only once the local date is after it. */
export function isExpired(localToday: string, expiryDate: string): boolean {
  return localToday > expiryDate;
}
