import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { prebuiltBundlePath, workflowsPath } from '../workers/bundle.js';

/** Production workers load this prebuilt bundle instead of bundling at start (NODE_ENV=production). */
const { code } = await bundleWorkflowCode({ workflowsPath });
mkdirSync(path.dirname(prebuiltBundlePath), { recursive: true });
writeFileSync(prebuiltBundlePath, code);
console.log(`wrote ${prebuiltBundlePath} (${(code.length / 1024).toFixed(0)} KiB)`);
