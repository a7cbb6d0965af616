import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;

/** The SDK's own chatter (worker state changes) is noise next to our JSON logs: warnings only. */
export function installQuietRuntime(): void {
  if (installed) return;
  installed = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}
