import { expect, test } from 'vitest';

// `.ci/run` runs this file with VRS_FAIL_ON_PURPOSE=1 and requires a non-zero exit: the integration
// project's global setup (embedded PostgreSQL, Temporal) once turned a failed run into exit 0.
test.runIf(process.env.VRS_FAIL_ON_PURPOSE === '1')('fails on purpose, so the run must exit non-zero', () => {
  expect('this failure').toBe('reported by the exit status');
});
