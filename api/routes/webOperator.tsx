import { Hono } from 'hono';
import type { ApiDeps } from '../deps.js';
import type { AppEnv } from '../env.js';

/** The operator console's pages. */
export function operatorPages(_deps: ApiDeps) {
  return new Hono<AppEnv>();
}
