import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { answerHeaders } from './answerHeaders.js';

/**
 * A GS1 answer (200, JSON) with its headers and X-Request-Id in one plain object: c.json with
 * more than one header builds a WHATWG Headers instance, which the verify hot path would pay for
 * on every request, to build and to turn back into Node's header object.
 */
export function gs1Answer(
  body: unknown,
  requestId: string,
  gs1usVersion: string | undefined,
  extraHeaders?: Record<string, string>,
): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: {
      'Content-Type': 'application/json',
      ...answerHeaders(gs1usVersion),
      'X-Request-Id': requestId,
      ...extraHeaders,
    },
  });
}

/** gs1Answer from a Hono handler; the requestId middleware then leaves the header to it. */
export function answerResponse(c: Context<AppEnv>, body: unknown, extraHeaders?: Record<string, string>): Response {
  c.set('requestIdSent', true);
  return gs1Answer(body, c.get('requestId'), c.req.header('gs1us-version'), extraHeaders);
}
