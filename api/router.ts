import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.js';
import { badRequest } from './problem.js';

/**
 * Every resource router is made here so schema failures answer the same way everywhere:
 * 400 problem+json with one `{path, message}` per bad field.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw badRequest(result.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message })));
      }
    },
  });
}
