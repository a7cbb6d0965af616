/**
 * Where a pull of a partner's Lookup Directory stands (kept in partners.directory_cursor and
 * moved in the same transaction as each page): `since` is the newest change already applied
 * by an earlier pull, `cursor` the partner's `nextCursor` while paging, `newest` the newest
 * change seen by the paging under way. A finished paging polls from its newest change next.
 */
export interface PullPosition {
  since: string | null;
  cursor: string | null;
  newest: string | null;
}

export const START: PullPosition = { since: null, cursor: null, newest: null };

const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The stored text as a position; anything unreadable starts over (a full pull is always safe). */
export function parsePullPosition(text: string | null): PullPosition {
  if (text === null) return START;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return { since: textOrNull(value.since), cursor: textOrNull(value.cursor), newest: textOrNull(value.newest) };
  } catch {
    return START;
  }
}

export const formatPullPosition = (p: PullPosition): string => JSON.stringify(p);

/** Microseconds past the millisecond Date.parse keeps: peers may send them, and our own records do. */
const subMillisecond = (s: string): number => Number((/\.\d{3}(\d{1,3})/.exec(s)?.[1] ?? '').padEnd(3, '0'));

/** Orders two ISO 8601 instants to the microsecond (offsets allowed). */
export const compareInstants = (a: string, b: string): number =>
  Date.parse(a) - Date.parse(b) || subMillisecond(a) - subMillisecond(b);

const later = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : compareInstants(b, a) > 0 ? b : a;

/** The position after a page: on to the partner's next cursor, or, at the end, polling from the newest change. */
export function nextPullPosition(
  p: PullPosition,
  page: { nextCursor: string | null; updatedAt: readonly string[] },
): PullPosition {
  const newest = page.updatedAt.reduce<string | null>((n, u) => later(n, u), p.newest);
  if (page.nextCursor !== null) return { since: p.since, cursor: page.nextCursor, newest };
  return { since: later(p.since, newest), cursor: null, newest: null };
}

/** The partner's page URL for a position: `since`, `cursor` and `limit` as `GET /v1/lookup-directory` takes them. */
export function pullPageUrl(directoryUrl: string, p: PullPosition, limit: number): string {
  const url = new URL(directoryUrl);
  if (p.since !== null) url.searchParams.set('since', p.since);
  if (p.cursor !== null) url.searchParams.set('cursor', p.cursor);
  url.searchParams.set('limit', String(limit));
  return url.toString();
}

/** A partner's Lookup Directory endpoint: its own `directoryUrl`, else the vrs path under its base URL. */
export const partnerDirectoryUrl = (partner: { baseUrl: string; directoryUrl: string | null }): string =>
  partner.directoryUrl ?? `${partner.baseUrl.replace(/\/+$/, '')}/v1/lookup-directory`;
