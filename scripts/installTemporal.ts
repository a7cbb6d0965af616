import { temporalBinary } from './lib/temporalBinaries.js';

/** Installs (when missing) and prints the Temporal CLI and the time-skipping test server. */
for (const name of ['temporal', 'temporal-test-server'] as const) {
  console.log(`${name}: ${temporalBinary(name, console.log)}`);
}
