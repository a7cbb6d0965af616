import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../../logger.js';
import { Problem } from '../problem.js';

const PROBLEM_JSON = 'application/problem+json';

export function renderProblem(c: Context, problem: Problem): Response {
  const headers: Record<string, string> = { ...problem.headers, 'Content-Type': PROBLEM_JSON };
  if (problem.status === 405) headers.Allow = 'GET, HEAD';
  return c.body(JSON.stringify(problem.toJSON(c.req.path)), problem.status as 400, headers);
}

/** One place turns every error into problem+json; internals are logged, never sent. */
export function onError(log: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof Problem) return renderProblem(c, error);
    if (error instanceof HTTPException) {
      const status = error.status;
      return renderProblem(c, new Problem(status, error.message || 'Error', error.message || undefined));
    }
    log.error({ err: error, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return renderProblem(c, new Problem(500, 'Internal Server Error', 'an unexpected error occurred; it was logged'));
  };
}

export const onNotFound = (c: Context): Response => renderProblem(c, new Problem(404, 'Not Found', `no route for ${c.req.method} ${c.req.path}`));
