import { badRequest } from '../problem.js';

/** Where a conflicts page ends: prefix conflicts come first (by key), then GTIN conflicts (by GTIN). */
export type ConflictCursor = { kind: 'prefix'; key: string } | { kind: 'gtin'; gtin: string };

export const encodeConflictCursor = (cursor: ConflictCursor): string =>
  Buffer.from(cursor.kind === 'prefix' ? `p:${cursor.key}` : `g:${cursor.gtin}`).toString('base64url');

export function decodeConflictCursor(cursor: string | undefined): ConflictCursor | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  if (/^g:\d{14}$/.test(text)) return { kind: 'gtin', gtin: text.slice(2) };
  if (/^p:[\w.-]{1,200}$/.test(text)) return { kind: 'prefix', key: text.slice(2) };
  throw badRequest([{ path: 'cursor', message: 'not a cursor this API returned' }]);
}
