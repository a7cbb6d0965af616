import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.js';

const ACCEPTABLE = /^[\w\-=]{1,255}$/;

/** The caller's X-Request-Id when it is a plain token, else a new UUID. */
export const requestIdOf = (sent: string | undefined): string =>
  sent !== undefined && ACCEPTABLE.test(sent) ? sent : randomUUID();

/**
 * `c.var.requestId`: the caller's X-Request-Id when it is a plain token, else a new UUID, echoed
 * on the response. Unlike hono/request-id it sets the header after the handler, and not at all
 * when the handler already did (`requestIdSent`): the verify answer carries it in one plain header
 * object, which @hono/node-server writes without building a Headers instance.
 */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const id = requestIdOf(c.req.header('x-request-id'));
  c.set('requestId', id);
  await next();
  if (!c.get('requestIdSent')) c.header('X-Request-Id', id);
});
