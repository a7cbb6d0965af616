import { badRequest } from '../problem.js';

/** Opaque list cursors (api.md) over GTIN-ordered keyset pages: base64url of the last GTIN. */
export const encodeGtinCursor = (gtin: string): string => Buffer.from(`g:${gtin}`).toString('base64url');

export function decodeGtinCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!/^g:\d{14}$/.test(text)) throw badRequest([{ path: 'cursor', message: 'not a cursor this API returned' }]);
  return text.slice(2);
}

/** The next cursor when the page came back full (there may be more), else null. */
export const nextGtinCursor = (items: readonly { gtin: string }[], limit: number): string | null =>
  items.length === limit && items.length > 0 ? encodeGtinCursor(items[items.length - 1]!.gtin) : null;
