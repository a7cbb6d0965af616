import { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';

/** The producer console's pages. */
export function producerPages(_deps: ApiDeps) {
  return new Hono<AppEnv>();
}
