import { Hono } from 'hono';
import { listPublishedSince } from '../../db/repositories/publishedDirectory.js';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { badRequest } from '../problem.js';
import { MAX_PAGE_LIMIT as MAX_LIMIT } from '../schemas/page.js';
// A date, or a date-time with its offset; fractions to the microsecond are kept (records carry them).
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

const encodeCursor = (cursorAt: string, id: number) => Buffer.from(`${cursorAt}|${id}`).toString('base64url');
function decodeCursor(cursor: string): { cursorAt: string; id: number } | undefined {
  const [cursorAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  return !cursorAt || Number.isNaN(Date.parse(cursorAt)) || !/^\d+$/.test(id ?? '')
    ? undefined
    : { cursorAt, id: Number(id) };
}

/** `GET /v1/lookup-directory?since=`: our records (GTIN -> responder GLN -> this VRS) for peers to pull. */
export function lookupDirectoryRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>().get('/v1/lookup-directory', async (c) => {
    const sinceParam = c.req.query('since') ?? '1970-01-01T00:00:00Z';
    // A date alone is that day's start in UTC (PostgreSQL would read it in the session's zone).
    const since = sinceParam.length === 10 ? `${sinceParam}T00:00:00Z` : sinceParam;
    const limit = Number(c.req.query('limit') ?? 100);
    const cursor = c.req.query('cursor');
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const errors = [
      ...(ISO_INSTANT.test(since) && !Number.isNaN(Date.parse(since))
        ? []
        : [{ path: 'since', message: 'must be an ISO 8601 instant with its offset' }]),
      ...(Number.isInteger(limit) && limit >= 1 && limit <= MAX_LIMIT
        ? []
        : [{ path: 'limit', message: `must be 1 to ${MAX_LIMIT}` }]),
      ...(cursor !== undefined && !after ? [{ path: 'cursor', message: 'not a cursor this endpoint returned' }] : []),
    ];
    if (errors.length) throw badRequest(errors);
    const records = await listPublishedSince(deps.db, since, after, limit);
    const last = records.at(-1);
    return c.json({
      records: records.map((r) => ({
        gtin: r.gtin,
        responderGLN: r.responderGln,
        vrsName: r.vrsName,
        verificationUrl: r.verificationUrl,
        connectivityUrl: r.connectivityUrl,
        validFrom: r.validFrom.toISOString(),
        validTo: r.validTo?.toISOString() ?? null,
        updatedAt: r.updatedAtIso,
      })),
      nextCursor: last && records.length === limit ? encodeCursor(last.cursorAt, last.id) : null,
    });
  });
}
