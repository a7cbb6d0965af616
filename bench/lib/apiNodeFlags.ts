import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

/** `npm run start:api`'s command line (`node`, its flags, the entry file): the production API process. */
export const API_START_COMMAND: readonly string[] = packageJson.scripts['start:api']!.split(' ');

/**
 * start:api's heap flags, so every bench runs the API, and the baselines it is compared with,
 * as production does (source maps are left to the entry that needs them).
 */
export const API_HEAP_FLAGS: readonly string[] = API_START_COMMAND.filter(
  (arg) => arg.startsWith('--') && arg !== '--enable-source-maps',
);
