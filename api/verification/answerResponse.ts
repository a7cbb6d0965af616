import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { answerHeaders } from './answerHeaders.js';

/**
 * A GS1 answer (200, JSON) with its headers and X-Request-Id in one plain object: c.json with
 * more than one header builds a WHATWG Headers instance, which the verify hot path would pay for
 * on every request, to build and to turn back into Node's header object.
 */
export function answerResponse(c: Context<AppEnv>, body: unknown, extraHeaders?: Record<string, string>): Response {
  c.set('requestIdSent', true);
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: {
      'Content-Type': 'application/json',
      ...answerHeaders(c.req.header('gs1us-version')),
      'X-Request-Id': c.get('requestId'),
      ...extraHeaders,
    },
  });
}
