import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

export interface Asset {
  body: string;
  type: string;
}

/** The web UI's client files (api/web/static), read once at start: no build step, no CDN. */
export function loadStaticAssets(): Map<string, Asset> {
  const dir = new URL('./static/', import.meta.url);
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, { body: readFileSync(new URL(name, dir), 'utf8'), type });
  }
  return assets;
}
