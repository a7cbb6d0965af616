import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable } from '../../db/errors.js';
import { AlreadyRunning } from '../../launchers/alreadyRunning.js';
import type { Logger } from '../../logger.js';
import { conflict, Problem } from '../problem.js';
import { isTemporalUnavailable } from '../temporalConnection.js';
import { DatabaseOutage, RETRY_AFTER_SEC } from './databaseOutage.js';

const PROBLEM_JSON = 'application/problem+json';

/** The headers of a problem answer (X-Request-Id aside). */
export function problemHeaders(problem: Problem): Record<string, string> {
  const headers: Record<string, string> = { ...problem.headers, 'Content-Type': PROBLEM_JSON };
  if (problem.status === 405) headers.Allow = 'GET, HEAD';
  if (problem.status === 401) headers['WWW-Authenticate'] ??= 'Bearer';
  if (problem.status === 503) headers['Retry-After'] = String(RETRY_AFTER_SEC);
  return headers;
}

export const problemBody = (problem: Problem, path: string): string => JSON.stringify(problem.toJSON(path));

export function renderProblem(c: Context, problem: Problem): Response {
  return c.body(problemBody(problem, c.req.path), problem.status as 400, problemHeaders(problem));
}

/** Where an error happened, for its log line and its 500 answer. */
export interface ErrorSite {
  requestId: string | undefined;
  path: string;
}

/**
 * One place turns every error into a problem; internals are logged, never sent. PostgreSQL or
 * Temporal out of reach is no bug: 503 with Retry-After (PostgreSQL's reported once per outage
 * rather than per request). Apart from Hono's onError so that the verify fast path shares it.
 */
export function problemOf(log: Logger, outage = new DatabaseOutage(log)) {
  return (error: Error, site: ErrorSite): Problem => {
    if (error instanceof Problem) return error;
    if (error instanceof AlreadyRunning) return conflict(error.message, { workflowId: error.workflowId });
    if (error instanceof HTTPException)
      return new Problem(error.status, error.message || 'Error', error.message || undefined);
    if (isDatabaseUnavailable(error)) {
      outage.failed(error);
      return new Problem(503, 'Service Unavailable', 'the database is unreachable; retry shortly');
    }
    if (isTemporalUnavailable(error)) {
      // Only syncs and uploads' wake-ups need Temporal, so these are few: one line each, no stack.
      log.warn(
        { requestId: site.requestId, path: site.path, err: { message: error.message } },
        'Temporal unreachable: answered 503',
      );
      return new Problem(503, 'Service Unavailable', 'the workflow service is unreachable; retry shortly');
    }
    const { requestId } = site;
    log.error({ err: error, requestId, path: site.path }, 'unhandled error');
    // The request id is what finds the logged stack, so the caller can quote it to the operator.
    return new Problem(
      500,
      'Internal Server Error',
      `an unexpected error occurred; it was logged with request id ${requestId}`,
      { requestId },
    );
  };
}

/** Hono's onError: every error as problem+json. */
export function onError(log: Logger, outage = new DatabaseOutage(log)) {
  const toProblem = problemOf(log, outage);
  return (error: Error, c: Context): Response =>
    renderProblem(c, toProblem(error, { requestId: c.get('requestId'), path: c.req.path }));
}

export const onNotFound = (c: Context): Response =>
  renderProblem(c, new Problem(404, 'Not Found', `no route for ${c.req.method} ${c.req.path}`));
