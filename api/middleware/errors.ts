import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable } from '../../db/errors.js';
import { AlreadyRunning } from '../../launchers/alreadyRunning.js';
import type { Logger } from '../../logger.js';
import { conflict, Problem } from '../problem.js';
import { isTemporalUnavailable } from '../temporalConnection.js';
import { DatabaseOutage, RETRY_AFTER_SEC } from './databaseOutage.js';

const PROBLEM_JSON = 'application/problem+json';

export function renderProblem(c: Context, problem: Problem): Response {
  const headers: Record<string, string> = { ...problem.headers, 'Content-Type': PROBLEM_JSON };
  if (problem.status === 405) headers.Allow = 'GET, HEAD';
  if (problem.status === 401) headers['WWW-Authenticate'] ??= 'Bearer';
  if (problem.status === 503) headers['Retry-After'] = String(RETRY_AFTER_SEC);
  return c.body(JSON.stringify(problem.toJSON(c.req.path)), problem.status as 400, headers);
}

/**
 * One place turns every error into problem+json; internals are logged, never sent. PostgreSQL or
 * Temporal out of reach is no bug: 503 with Retry-After (PostgreSQL's reported once per outage
 * rather than per request).
 */
export function onError(log: Logger, outage = new DatabaseOutage(log)) {
  return (error: Error, c: Context): Response => {
    if (error instanceof Problem) return renderProblem(c, error);
    if (error instanceof AlreadyRunning)
      return renderProblem(c, conflict(error.message, { workflowId: error.workflowId }));
    if (error instanceof HTTPException) {
      const status = error.status;
      return renderProblem(c, new Problem(status, error.message || 'Error', error.message || undefined));
    }
    if (isDatabaseUnavailable(error)) {
      outage.failed(error);
      return renderProblem(c, new Problem(503, 'Service Unavailable', 'the database is unreachable; retry shortly'));
    }
    if (isTemporalUnavailable(error)) {
      // Only syncs and uploads' wake-ups need Temporal, so these are few: one line each, no stack.
      log.warn(
        { requestId: c.get('requestId'), path: c.req.path, err: { message: error.message } },
        'Temporal unreachable: answered 503',
      );
      return renderProblem(
        c,
        new Problem(503, 'Service Unavailable', 'the workflow service is unreachable; retry shortly'),
      );
    }
    const requestId = c.get('requestId');
    log.error({ err: error, requestId, path: c.req.path }, 'unhandled error');
    // The request id is what finds the logged stack, so the caller can quote it to the operator.
    return renderProblem(
      c,
      new Problem(
        500,
        'Internal Server Error',
        `an unexpected error occurred; it was logged with request id ${requestId}`,
        { requestId },
      ),
    );
  };
}

export const onNotFound = (c: Context): Response =>
  renderProblem(c, new Problem(404, 'Not Found', `no route for ${c.req.method} ${c.req.path}`));
