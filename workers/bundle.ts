import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
export const prebuiltBundlePath = fileURLToPath(new URL('../dist/workflow-bundle.js', import.meta.url));

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
