import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';

// This file runs as workers/bundle.ts (tsx, vitest) or compiled as dist/workers/bundle.js (`npm run
// build`): the workflows are bundled from the sources beside it, and the prebuilt bundle is dist/'s either way.
const compiled = import.meta.url.endsWith('.js');
export const workflowsPath = fileURLToPath(
  new URL(compiled ? '../workflows/index.js' : '../workflows/index.ts', import.meta.url),
);
export const prebuiltBundlePath = fileURLToPath(
  new URL(compiled ? '../workflow-bundle.js' : '../dist/workflow-bundle.js', import.meta.url),
);

/**
 * Production loads the bundle built ahead of time (`npm run build:workflows`); otherwise the
 * workflows are bundled once per process and shared by all its workers.
 */
export async function loadWorkflowBundle(): Promise<WorkflowBundleOption> {
  if (existsSync(prebuiltBundlePath) && process.env.NODE_ENV === 'production') return { codePath: prebuiltBundlePath };
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
}

const noop = () => {};
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
