import { badRequest } from '../problem.js';

/** Opaque list cursors (api.md) over a company's runs: the last run id of the page. */
export const encodeRunCursor = (runId: string): string => Buffer.from(`r:${runId}`).toString('base64url');

export function decodeRunCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString();
  if (!/^r:[\w-]{1,100}$/.test(text)) throw badRequest([{ path: 'cursor', message: 'not a cursor this API returned' }]);
  return text.slice(2);
}
