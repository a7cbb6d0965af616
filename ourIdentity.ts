import type { Config } from './config.js';
import { validateIdentity, type CertificateError, type ClientIdentity } from './domain/certificates/index.js';
import { err, type Result } from './domain/result.js';

/**
 * Who we are towards partners, from configuration. Left incomplete when PUBLIC_URL or VRS_GLN is
 * unset: issuing then fails with checkOurIdentity's message instead of a guessed identity.
 */
export const ourIdentity = (config: Config): ClientIdentity => ({
  host: config.PUBLIC_URL ? new URL(config.PUBLIC_URL).hostname : '',
  organization: config.VRS_NAME,
  gln: config.VRS_GLN ?? '',
});

// Each identity field comes from one variable; an operator fixes the variable, not the field.
const SETTINGS: Record<string, { variable: 'PUBLIC_URL' | 'VRS_NAME' | 'VRS_GLN'; meaning: string }> = {
  host: {
    variable: 'PUBLIC_URL',
    meaning:
      'the base URL partners reach this VRS at, e.g. https://vrs.example.com; its host name is the subject and DNS name of our certificates',
  },
  organization: {
    variable: 'VRS_NAME',
    meaning: 'the name of this VRS, the organisation in our certificates (1-64 characters)',
  },
  gln: { variable: 'VRS_GLN', meaning: 'the 13-digit GLN of the organisation running this VRS' },
};

/** Our identity, checked, or an error that names the environment variable to set and what it is. */
export function checkOurIdentity(config: Config): Result<ClientIdentity, CertificateError> {
  const checked = validateIdentity(ourIdentity(config));
  if (checked.ok) return checked;
  const setting = checked.error.field ? SETTINGS[checked.error.field] : undefined;
  if (!setting) return checked;
  const value = config[setting.variable];
  const problem =
    value === undefined
      ? `${setting.variable} is not set`
      : `${setting.variable}=${value} does not work (${checked.error.message})`;
  return err({ ...checked.error, message: `${problem}: set ${setting.variable} to ${setting.meaning}` });
}
