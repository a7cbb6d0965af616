import type { Config } from './config.js';
import type { OurVrs } from './db/repositories/localDirectory.js';

/**
 * This installation as our Lookup Directory records name it. Without PUBLIC_URL (a laptop
 * run) the local API address stands in, so syncs still publish; production sets PUBLIC_URL.
 */
export function ourVrs(config: Config): OurVrs {
  const base = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  return { name: config.VRS_NAME, verificationUrl: base, connectivityUrl: `${base}/checkConnectivity` };
}
