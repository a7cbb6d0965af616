import { describe, expect, test } from 'vitest';
import { loadConfig } from './config.js';
import { checkOurIdentity } from './ourIdentity.js';

describe('checkOurIdentity names the variable to set and what it is', () => {
  test.each([
    [{}, /^PUBLIC_URL is not set: set PUBLIC_URL to the base URL partners reach this VRS at/],
    [
      { PUBLIC_URL: 'http://localhost:8080' },
      /^PUBLIC_URL=http:\/\/localhost:8080 does not work \(host must be a fully qualified DNS name.*\): set PUBLIC_URL to/,
    ],
    [
      { PUBLIC_URL: 'https://vrs.example.com' },
      /^VRS_GLN is not set: set VRS_GLN to the 13-digit GLN of the organisation running this VRS$/,
    ],
    [
      { PUBLIC_URL: 'https://vrs.example.com', VRS_GLN: '9520000000005' },
      /^VRS_GLN=9520000000005 does not work \(GLN: .*\): set VRS_GLN to/,
    ],
  ])('%j', (env, message) => {
    const identity = checkOurIdentity(loadConfig(env));
    expect(identity.ok).toBe(false);
    if (!identity.ok) expect(identity.error.message).toMatch(message);
  });
});
