import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';

const asset = (name: string) => readFileSync(new URL(`../web/${name}`, import.meta.url), 'utf8');

/** The scan page, served by the API itself: no separate build or web server. */
export function webRoutes() {
  const files = { html: asset('index.html'), js: asset('app.js'), css: asset('styles.css') };
  const security = { 'Content-Security-Policy': "default-src 'self'", 'X-Content-Type-Options': 'nosniff' };
  return new Hono<AppEnv>()
    .get('/', (c) => c.html(files.html, 200, security))
    .get('/web/app.js', (c) => c.body(files.js, 200, { 'Content-Type': 'text/javascript; charset=utf-8', ...security }))
    .get('/web/styles.css', (c) => c.body(files.css, 200, { 'Content-Type': 'text/css; charset=utf-8', ...security }));
}
