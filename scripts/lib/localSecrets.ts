import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface LocalSecrets {
  VRS_ADMIN_TOKEN: string;
  VRS_MASTER_KEY: string;
}

/**
 * A local run needs an operator token and a master key; made once and kept in the git-ignored
 * data folder so a second `npm start` reuses them (and can still decrypt stored keys).
 */
export function localSecrets(file: string): LocalSecrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets = {
    VRS_ADMIN_TOKEN: `op_${randomBytes(24).toString('base64url')}`,
    VRS_MASTER_KEY: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
