import type { SerialKey } from '../../db/serialSync/stateQuery.js';
import { badRequest } from '../problem.js';

/** Opaque list cursors (api.md) over (gtin, serial)-ordered keyset pages. */
export const encodeSerialCursor = (key: SerialKey): string =>
  Buffer.from(`s:${key.gtin}:${key.serial}`).toString('base64url');

export function decodeSerialCursor(cursor: string | undefined): SerialKey | undefined {
  if (cursor === undefined) return undefined;
  const match = /^s:(\d{14}):(.{1,20})$/s.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badRequest([{ path: 'cursor', message: 'not a cursor this API returned' }]);
  return { gtin: match[1]!, serial: match[2]! };
}
