import type { Config } from './config.js';
import type { ClientIdentity } from './domain/certificates/index.js';

/**
 * Who we are towards partners, from configuration. Left incomplete when PUBLIC_URL or VRS_GLN is
 * unset: issuing then fails with the domain's clear message instead of a guessed identity.
 */
export const ourIdentity = (config: Config): ClientIdentity => ({
  host: config.PUBLIC_URL ? new URL(config.PUBLIC_URL).hostname : '',
  organization: config.VRS_NAME,
  gln: config.VRS_GLN ?? '',
});
